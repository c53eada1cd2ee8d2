package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgo/gen/internal/model"
)

// opLabel names the operation in error messages.
func opLabel(op *model.Operation) string {
	if op.ID != "" {
		return op.ID
	}
	return op.GoName
}

// emitOperationMethod:
//
//	// Op - summary
//	// description
//	func (s *Service) Op(ctx context.Context, request operations.OpRequest[, security operations.OpSecurity]) (*operations.OpResponse, error) {
//		build URL, body, request; set headers, query, security
//		send; read the body; decode by status and content type
//		4xx/5xx: return res and *sdkerrors.APIError
//	}
func (g *gen) emitOperationMethod(svc *model.Service, op *model.Operation) jen.Code {
	params := []jen.Code{
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("request").Add(g.goType(op.Request)),
	}
	if op.Security != nil {
		params = append(params, jen.Id("security").Add(g.goType(op.Security)))
	}
	var body []jen.Code
	body = append(body, jen.Const().Id("op").Op("=").Lit(opLabel(op)))
	body = append(body, g.buildURL(op)...)
	body = append(body, g.buildBody(op)...)
	body = append(body,
		jen.List(jen.Id("req"), jen.Err()).Op(":=").Qual("net/http", "NewRequestWithContext").Call(
			jen.Id("ctx"), jen.Lit(op.Method), jen.Id("reqURL"), jen.Id("body")),
		ifErrReturn("%s: building request: %w"),
	)
	if op.Accept != "" {
		body = append(body, jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Accept"), jen.Lit(op.Accept)))
	}
	if op.Body != nil {
		setCT := jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), jen.Id("contentType"))
		if op.Body.Omittable {
			body = append(body, jen.If(jen.Id("body").Op("!=").Nil()).Block(setCT))
		} else {
			body = append(body, setCT)
		}
	}
	body = append(body, g.setParams(op)...)
	body = append(body, g.setSecurity(op)...)
	if g.usesQuery(op) {
		body = append(body, g.setQuery(op)...)
	}
	body = append(body,
		jen.List(jen.Id("httpRes"), jen.Err()).Op(":=").Id("s").Dot("cfg").Dot("client").Dot("Do").Call(jen.Id("req")),
		ifErrReturn("%s: sending request: %w"),
		jen.Defer().Id("httpRes").Dot("Body").Dot("Close").Call(),
		jen.List(jen.Id("rawBody"), jen.Err()).Op(":=").Qual("io", "ReadAll").Call(jen.Id("httpRes").Dot("Body")),
		ifErrReturn("%s: reading response: %w"),
		jen.Id("httpRes").Dot("Body").Op("=").Qual("io", "NopCloser").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("rawBody"))),
		jen.Id("resContentType").Op(":=").Id("httpRes").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")),
		jen.Id("res").Op(":=").Op("&").Add(g.goType(op.Response)).Values(jen.Dict{
			jen.Id("StatusCode"):  jen.Id("httpRes").Dot("StatusCode"),
			jen.Id("ContentType"): jen.Id("resContentType"),
			jen.Id("RawResponse"): jen.Id("httpRes"),
		}),
		jen.Var().Id("errModel").Interface(),
	)
	if op.Redirect {
		body = append(body, jen.If(jen.Id("httpRes").Dot("StatusCode").Op(">=").Lit(300).Op("&&").Id("httpRes").Dot("StatusCode").Op("<").Lit(400)).Block(
			jen.Id("res").Dot("Location").Op("=").Id("httpRes").Dot("Header").Dot("Get").Call(jen.Lit("Location")),
		))
	}
	body = append(body, g.decodeResponses(op)...)
	body = append(body,
		jen.If(jen.Id("httpRes").Dot("StatusCode").Op(">=").Lit(400)).Block(
			jen.Return(jen.Id("res"), jen.Op("&").Qual(g.errorsPath(), "APIError").Values(jen.Dict{
				jen.Id("Operation"):   jen.Id("op"),
				jen.Id("StatusCode"):  jen.Id("httpRes").Dot("StatusCode"),
				jen.Id("ContentType"): jen.Id("resContentType"),
				jen.Id("Body"):        jen.Id("rawBody"),
				jen.Id("Model"):       jen.Id("errModel"),
				jen.Id("RawResponse"): jen.Id("httpRes"),
			})),
		),
		jen.Return(jen.Id("res"), jen.Nil()),
	)
	text := op.Description
	if op.Deprecated {
		text = strings.TrimRight(text, "\n") + "\n\nDeprecated: this operation is deprecated by the API."
	}
	summary := op.Summary
	doc := docLines(op.GoName, strings.TrimRight(summary, "\n"))
	if strings.TrimSpace(text) != "" {
		doc = append(doc, docLines("", text)...)
	}
	return withDoc(doc, jen.Func().Params(jen.Id("s").Op("*").Id(svc.GoName)).Id(op.GoName).Params(params...).
		Params(jen.Op("*").Add(g.goType(op.Response)), jen.Error()).Block(body...))
}

// ifErrReturn: if err != nil { return nil, fmt.Errorf(format, op, err) }
func ifErrReturn(format string) jen.Code {
	return jen.If(jen.Err().Op("!=").Nil()).Block(
		jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit(format), jen.Id("op"), jen.Err())),
	)
}

// buildBody serializes the body only when it is set; a nil optional body
// sends no body at all.
func (g *gen) buildBody(op *model.Operation) []jen.Code {
	out := []jen.Code{jen.Var().Id("body").Qual("io", "Reader")}
	b := op.Body
	if b == nil {
		return out
	}
	out = append(out, jen.Id("contentType").Op(":=").Lit(b.WireType))
	field := jen.Id("request").Dot(b.GoName)
	var encode []jen.Code
	switch b.Encoding {
	case model.BodyBytes:
		encode = []jen.Code{jen.Id("body").Op("=").Qual("bytes", "NewReader").Call(field.Clone())}
	default:
		encode = []jen.Code{
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(field.Clone()),
			ifErrReturn("%s: encoding request body: %w"),
			jen.Id("body").Op("=").Qual("bytes", "NewReader").Call(jen.Id("data")),
		}
	}
	if b.Omittable {
		// Only a set body is sent.
		return append(out, jen.If(field.Clone().Op("!=").Nil()).Block(encode...))
	}
	return append(out, jen.Block(encode...))
}

// setSecurity applies the operation's own credentials, or else the SDK's.
func (g *gen) setSecurity(op *model.Operation) []jen.Code {
	switch {
	case op.NoSecurity:
		return nil
	case op.Security != nil:
		return g.applySecurity(op.Security, jen.Id("security"))
	case g.api.SecurityType != nil:
		return []jen.Code{jen.If(jen.Id("s").Dot("cfg").Dot("security").Op("!=").Nil()).Block(
			g.applySecurity(g.api.SecurityType, jen.Id("s").Dot("cfg").Dot("security"))...,
		)}
	}
	return nil
}

// applySecurity sets each supplied credential where its scheme says. API
// keys are sent verbatim; bearer tokens get "Bearer " unless they have it.
func (g *gen) applySecurity(t *model.Type, src *jen.Statement) []jen.Code {
	var out []jen.Code
	for _, f := range t.Fields {
		s := f.Scheme
		if s == nil {
			continue
		}
		val := src.Clone().Dot(f.GoName)
		set := func(v jen.Code) jen.Code {
			switch {
			case s.Kind == model.SchemeBearer:
				return jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Authorization"), jen.Id("bearer").Call(v))
			case s.In == model.InQuery:
				return jen.Id("query").Dot("Set").Call(jen.Lit(s.Name), v)
			case s.In == model.InCookie:
				return jen.Id("req").Dot("AddCookie").Call(jen.Op("&").Qual("net/http", "Cookie").Values(jen.Dict{
					jen.Id("Name"): jen.Lit(s.Name), jen.Id("Value"): v,
				}))
			}
			return jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit(s.Name), v)
		}
		switch {
		case s.Kind == model.SchemeBasic && f.Optional:
			out = append(out, jen.If(val.Clone().Op("!=").Nil()).Block(
				jen.Id("req").Dot("SetBasicAuth").Call(val.Clone().Dot("Username"), val.Clone().Dot("Password"))))
		case s.Kind == model.SchemeBasic:
			out = append(out, jen.Id("req").Dot("SetBasicAuth").Call(val.Clone().Dot("Username"), val.Clone().Dot("Password")))
		case f.Optional:
			out = append(out, jen.If(val.Clone().Op("!=").Nil()).Block(set(jen.Op("*").Add(val.Clone()))))
		default:
			out = append(out, jen.If(val.Clone().Op("!=").Lit("")).Block(set(val.Clone())))
		}
	}
	return out
}

// decodeResponses: a switch on the status; in each case, a switch on the
// content type decoding into the typed field. Bodies of error statuses that
// do not decode leave the field nil; the APIError still carries the bytes.
func (g *gen) decodeResponses(op *model.Operation) []jen.Code {
	var cases []jen.Code
	for _, r := range op.Responses {
		var cond jen.Code
		switch {
		case r.Status == "default":
			cond = nil
		case r.Range:
			cond = jen.Id("httpRes").Dot("StatusCode").Op(">=").Lit(r.Code * 100).Op("&&").Id("httpRes").Dot("StatusCode").Op("<").Lit(r.Code*100 + 100)
		default:
			cond = jen.Id("httpRes").Dot("StatusCode").Op("==").Lit(r.Code)
		}
		// Only the first matching content type decodes.
		chain := jen.Empty()
		for i, c := range r.Contents {
			if i > 0 {
				chain.Else()
			}
			chain.If(jen.Id("matchContentType").Call(jen.Id("resContentType"), jen.Lit(c.ContentType))).Block(g.decodeContent(r, c)...)
		}
		if len(r.Contents) > 0 && !r.IsError() {
			// A success body in a media type the spec does not document is
			// reported, not silently dropped.
			chain.Else().If(jen.Len(jen.Id("rawBody")).Op(">").Lit(0)).Block(
				jen.Return(jen.Id("res"), jen.Qual("fmt", "Errorf").Call(jen.Lit("%s: unexpected Content-Type %q for status %d"),
					jen.Id("op"), jen.Id("resContentType"), jen.Id("httpRes").Dot("StatusCode"))),
			)
		}
		var stmts []jen.Code
		switch c := singleErrorModel(r); {
		case c != nil:
			// if out := decodeAs[T](resContentType, "application/json", rawBody); out != nil {
			//	res.Field = out
			//	errModel = out
			// }
			stmts = append(stmts, jen.If(
				jen.Id("out").Op(":=").Id("decodeAs").Types(g.goType(c.Type)).Call(jen.Id("resContentType"), jen.Lit(c.ContentType), jen.Id("rawBody")),
				jen.Id("out").Op("!=").Nil(),
			).Block(
				jen.Id("res").Dot(c.FieldName).Op("=").Id("out"),
				jen.Id("errModel").Op("=").Id("out"),
			))
		case len(r.Contents) > 0:
			stmts = append(stmts, chain)
		}
		if cond == nil {
			cases = append(cases, jen.Default().Block(stmts...))
		} else {
			cases = append(cases, jen.Case(cond).Block(stmts...))
		}
	}
	if len(cases) == 0 {
		return nil
	}
	return []jen.Code{jen.Switch().Block(cases...)}
}

// singleErrorModel is the one JSON body of an error response decoded into a
// pointer field (the common case, printed compactly), or nil.
func singleErrorModel(r *model.Response) *model.ResponseContent {
	if !r.IsError() || len(r.Contents) != 1 {
		return nil
	}
	if c := r.Contents[0]; c.JSON && c.Presence == model.Pointer {
		return c
	}
	return nil
}

// decodeContent fills one typed field from the body bytes.
func (g *gen) decodeContent(r *model.Response, c *model.ResponseContent) []jen.Code {
	field := jen.Id("res").Dot(c.FieldName)
	switch c.Type.Kind {
	case model.KindBytes:
		return []jen.Code{field.Op("=").Id("rawBody")}
	}
	if !c.JSON {
		return []jen.Code{
			jen.Id("text").Op(":=").String().Call(jen.Id("rawBody")),
			field.Op("=").Op("&").Id("text"),
		}
	}
	assign := jen.Op("&").Id("out")
	if c.Presence != model.Pointer {
		assign = jen.Id("out")
	}
	decl := jen.Var().Id("out").Add(g.goType(c.Type))
	if r.IsError() {
		return []jen.Code{
			decl,
			jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("rawBody"), jen.Op("&").Id("out")).Op("==").Nil()).Block(
				field.Clone().Op("=").Add(assign),
				jen.Id("errModel").Op("=").Id("res").Dot(c.FieldName),
			),
		}
	}
	return []jen.Code{
		decl,
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("rawBody"), jen.Op("&").Id("out")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("res"), jen.Qual("fmt", "Errorf").Call(jen.Lit("%s: decoding %d response: %w"), jen.Id("op"), jen.Id("httpRes").Dot("StatusCode"), jen.Err())),
		),
		field.Clone().Op("=").Add(assign),
	}
}
