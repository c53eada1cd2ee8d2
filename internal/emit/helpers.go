package emit

import (
	"github.com/dave/jennifer/jen"
)

// helpersFile is sdk_helpers.go: the small unexported functions the
// operation methods call. (A Pascal-cased tag can never produce this file
// name, which has an underscore.)
func (g *gen) helpersFile() *jen.File {
	f := g.rootFile()

	// func matchContentType(got, want string) bool
	f.Comment("// matchContentType reports whether the Content-Type got is the media type want")
	f.Comment("// (parameters of both ignored; want may be \"*/*\" or \"type/*\").")
	f.Func().Id("matchContentType").Params(jen.List(jen.Id("got"), jen.Id("want")).String()).Bool().Block(
		jen.If(jen.Id("want").Op("==").Lit("*/*")).Block(jen.Return(jen.True())),
		jen.List(jen.Id("mt"), jen.Id("_"), jen.Err()).Op(":=").Qual("mime", "ParseMediaType").Call(jen.Id("got")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.False())),
		jen.List(jen.Id("want"), jen.Id("_"), jen.Id("_")).Op("=").Qual("strings", "Cut").Call(jen.Qual("strings", "ToLower").Call(jen.Id("want")), jen.Lit(";")),
		jen.Id("want").Op("=").Qual("strings", "TrimSpace").Call(jen.Id("want")),
		jen.If(jen.Qual("strings", "HasSuffix").Call(jen.Id("want"), jen.Lit("/*"))).Block(
			jen.Return(jen.Qual("strings", "HasPrefix").Call(jen.Id("mt"), jen.Qual("strings", "TrimSuffix").Call(jen.Id("want"), jen.Lit("*")))),
		),
		jen.Return(jen.Id("mt").Op("==").Id("want")),
	)

	// func decodeAs[T any](contentType, want string, body []byte) *T
	f.Comment("// decodeAs decodes body as a T when contentType is the media type want;")
	f.Comment("// nil when it is not, or when the body does not decode.")
	f.Func().Id("decodeAs").Types(jen.Id("T").Any()).Params(
		jen.List(jen.Id("contentType"), jen.Id("want")).String(), jen.Id("body").Index().Byte(),
	).Op("*").Id("T").Block(
		jen.If(jen.Op("!").Id("matchContentType").Call(jen.Id("contentType"), jen.Id("want"))).Block(jen.Return(jen.Nil())),
		jen.Id("out").Op(":=").New(jen.Id("T")),
		jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("body"), jen.Id("out")).Op("!=").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Id("out")),
	)

	// func bearer(token string) string
	f.Comment("// bearer returns an Authorization value for token, adding the Bearer scheme unless present.")
	f.Func().Id("bearer").Params(jen.Id("token").String()).String().Block(
		jen.If(jen.Len(jen.Id("token")).Op(">=").Lit(7).Op("&&").Qual("strings", "EqualFold").Call(jen.Id("token").Index(jen.Empty(), jen.Lit(7)), jen.Lit("bearer "))).Block(
			jen.Return(jen.Id("token")),
		),
		jen.Return(jen.Lit("Bearer ").Op("+").Id("token")),
	)
	return f
}

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
		jen.Comment("// Body is the raw response body."),
		jen.Id("Body").Index().Byte(),
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
