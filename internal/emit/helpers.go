package emit

import (
	"github.com/dave/jennifer/jen"
)

// errorsFile is pkg/models/sdkerrors/apierror.go.
func (g *gen) errorsFile() *jen.File {
	f := g.newFile(g.errorsPath(), "sdkerrors")
	f.Comment("// APIError is returned, beside the filled response, for every 4xx and 5xx answer.")
	f.Type().Id("APIError").Struct(
		jen.Comment("// Operation is the operationId of the call that failed."),
		jen.Id("Operation").String(),
		jen.Comment("// StatusCode is the HTTP status code."),
		jen.Id("StatusCode").Int(),
		jen.Comment("// ContentType is the response's Content-Type header."),
		jen.Id("ContentType").String(),
		jen.Comment("// Body is the response body, or its first bytes when it is longer than the"),
		jen.Comment("// SDK keeps (WithMaxErrorBodyBytes, 1 MiB by default): Truncated says so."),
		jen.Id("Body").Index().Byte(),
		jen.Id("Truncated").Bool(),
		jen.Comment("// Model is the decoded error model (such as *shared.BadRequestResponse), or nil"),
		jen.Comment("// when the status documents none or the body did not decode."),
		jen.Id("Model").Interface(),
		jen.Comment("// RawResponse is the HTTP response."),
		jen.Id("RawResponse").Op("*").Qual("net/http", "Response"),
	)
	f.Comment("// Error describes the failure with the start of the body.")
	f.Func().Params(jen.Id("e").Op("*").Id("APIError")).Id("Error").Params().String().Block(
		jen.Id("msg").Op(":=").Qual("fmt", "Sprintf").Call(jen.Lit("%s: API error: status %d"), jen.Id("e").Dot("Operation"), jen.Id("e").Dot("StatusCode")),
		jen.If(jen.Id("e").Dot("ContentType").Op("!=").Lit("")).Block(
			jen.Id("msg").Op("+=").Lit(" (").Op("+").Id("e").Dot("ContentType").Op("+").Lit(")"),
		),
		jen.If(jen.Len(jen.Id("e").Dot("Body")).Op(">").Lit(0)).Block(
			jen.Id("body").Op(":=").String().Call(jen.Id("e").Dot("Body")),
			jen.If(jen.Len(jen.Id("body")).Op(">").Lit(256)).Block(
				jen.Id("body").Op("=").Qual("strings", "ToValidUTF8").Call(jen.Id("body").Index(jen.Empty(), jen.Lit(256)), jen.Lit("")).Op("+").Lit("..."),
			),
			jen.Id("msg").Op("+=").Lit(": ").Op("+").Id("body"),
		),
		jen.Return(jen.Id("msg")),
	)
	return f
}
