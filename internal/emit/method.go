package emit

import (
	"fmt"
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
		if bodyOptional(op.Body) {
			body = append(body, jen.If(jen.Id("body").Op("!=").Nil()).Block(setCT))
		} else {
			body = append(body, setCT)
		}
	}
	body = append(body, g.setParams(op)...)
	body = append(body, g.setSecurity(op)...)
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

// buildURL: reqURL := strings.TrimSuffix(s.cfg.serverURL, "/") + "/a/" + url.PathEscape(...) + "/b"
func (g *gen) buildURL(op *model.Operation) []jen.Code {
	byName := map[string]*model.Param{}
	for _, p := range op.Params {
		if p.In == model.InPath {
			byName[p.Name] = p
		}
	}
	expr := jen.Qual("strings", "TrimSuffix").Call(jen.Id("s").Dot("cfg").Dot("serverURL"), jen.Lit("/"))
	rest := op.Path
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest[max(i, 0):], '}') + max(i, 0)
		if i < 0 || j < i {
			expr = expr.Op("+").Lit(rest)
			break
		}
		if i > 0 {
			expr = expr.Op("+").Lit(rest[:i])
		}
		name := rest[i+1 : j]
		if p := byName[name]; p != nil {
			expr = expr.Op("+").Qual("net/url", "PathEscape").Call(g.paramString(p, g.paramValue(p)))
		} else {
			expr = expr.Op("+").Lit(rest[i : j+1])
		}
		rest = rest[j+1:]
	}
	return []jen.Code{jen.Id("reqURL").Op(":=").Add(expr)}
}

// paramValue is the request field holding p, dereferenced when a pointer.
func (g *gen) paramValue(p *model.Param) *jen.Statement {
	if paramPointer(p) {
		return jen.Op("*").Id("request").Dot(p.GoName)
	}
	return jen.Id("request").Dot(p.GoName)
}

// paramString spells a parameter value as text (arrays joined with the
// style's separator, as simple and form styles without explode do).
func (g *gen) paramString(p *model.Param, v *jen.Statement) jen.Code {
	if p.Type.Kind == model.KindArray {
		sep := ","
		switch p.Style {
		case "spaceDelimited":
			sep = " "
		case "pipeDelimited":
			sep = "|"
		}
		return jen.Id("joinValues").Call(v, jen.Lit(sep), jen.Func().Params(jen.Id("e").Add(g.goType(p.Type.Elem))).String().Block(
			jen.Return(scalarString(p.Type.Elem, jen.Id("e"))),
		))
	}
	return scalarString(p.Type, v)
}

// scalarString converts a scalar Go value to its text form.
func scalarString(t *model.Type, v *jen.Statement) jen.Code {
	switch t.Kind {
	case model.KindString, model.KindDate:
		return v
	case model.KindInt:
		return jen.Qual("strconv", "FormatInt").Call(v, jen.Lit(10))
	case model.KindFloat:
		return jen.Qual("strconv", "FormatFloat").Call(v, jen.LitRune('f'), jen.Lit(-1), jen.Lit(64))
	case model.KindBool:
		return jen.Qual("strconv", "FormatBool").Call(v)
	case model.KindTime:
		if strings.HasPrefix(fmt.Sprintf("%#v", v), "*") {
			v = jen.Parens(v)
		}
		return v.Dot("Format").Call(jen.Qual("time", "RFC3339Nano"))
	case model.KindEnum:
		if t.EnumBase == model.KindInt {
			return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(v), jen.Lit(10))
		}
		return jen.String().Call(v)
	}
	return jen.Qual("fmt", "Sprint").Call(v)
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
	if bodyOptional(b) {
		// Only a set body is sent.
		return append(out, jen.If(field.Clone().Op("!=").Nil()).Block(encode...))
	}
	return append(out, jen.Block(encode...))
}

// bodyOptional reports whether the body may be left unset (nil), in which
// case no body and no Content-Type are sent.
func bodyOptional(b *model.RequestBody) bool {
	nilable := bodyPointer(b) || !resultPointer(b.Type)
	return nilable && (bodyPointer(b) || !b.Required || b.Type.Kind == model.KindBytes)
}

// setParams sets the query, header and cookie parameters.
func (g *gen) setParams(op *model.Operation) []jen.Code {
	var out []jen.Code
	hasQuery := false
	for _, p := range op.Params {
		if p.In == model.InQuery {
			hasQuery = true
		}
	}
	if hasQuery {
		out = append(out, jen.Id("query").Op(":=").Id("req").Dot("URL").Dot("Query").Call())
	}
	for _, p := range op.Params {
		var set []jen.Code
		switch p.In {
		case model.InQuery:
			set = g.setQuery(p)
		case model.InHeader:
			set = []jen.Code{jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit(p.Name), g.paramString(p, g.paramValue(p)))}
		case model.InCookie:
			set = []jen.Code{jen.Id("req").Dot("AddCookie").Call(jen.Op("&").Qual("net/http", "Cookie").Values(jen.Dict{
				jen.Id("Name"):  jen.Lit(p.Name),
				jen.Id("Value"): g.paramString(p, g.paramValue(p)),
			}))}
		default:
			continue
		}
		if paramPointer(p) || (!p.Required && !resultPointer(p.Type)) {
			out = append(out, jen.If(jen.Id("request").Dot(p.GoName).Op("!=").Nil()).Block(set...))
		} else {
			out = append(out, set...)
		}
	}
	if hasQuery {
		out = append(out, jen.Id("req").Dot("URL").Dot("RawQuery").Op("=").Id("query").Dot("Encode").Call())
	}
	return out
}

// setQuery adds one query parameter: exploded arrays repeat the name,
// deepObject maps become name[key]=value, the rest is one name=value.
func (g *gen) setQuery(p *model.Param) []jen.Code {
	v := g.paramValue(p)
	switch {
	case p.Type.Kind == model.KindArray && p.Explode && p.Style == "form":
		return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(v)).Block(
			jen.Id("query").Dot("Add").Call(jen.Lit(p.Name), scalarString(p.Type.Elem, jen.Id("e"))),
		)}
	case p.Type.Kind == model.KindMap && p.Style == "deepObject":
		return []jen.Code{jen.For(jen.List(jen.Id("k"), jen.Id("e")).Op(":=").Range().Add(v)).Block(
			jen.Id("query").Dot("Add").Call(jen.Lit(p.Name+"[").Op("+").Id("k").Op("+").Lit("]"), scalarString(p.Type.Elem, jen.Id("e"))),
		)}
	case p.Type.Kind == model.KindStruct && (p.Style == "deepObject" || (p.Style == "form" && p.Explode)):
		// deepObject: name[field]=v; form with explode: field=v.
		key := func(f *model.Field) string { return p.Name + "[" + f.Name + "]" }
		add := deepObjectAdd
		if p.Style == "form" {
			key = func(f *model.Field) string { return f.Name }
			add = formAdd
		}
		return objectMembers(p, func(f *model.Field, v *jen.Statement) jen.Code { return add(key(f), f.Type, v) })
	case p.Type.Kind == model.KindStruct && p.Style == "form":
		// form without explode: name=field,v,field2,v2
		out := []jen.Code{jen.Var().Id("parts").Index().String()}
		out = append(out, objectMembers(p, func(f *model.Field, v *jen.Statement) jen.Code {
			return jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Lit(f.Name), jen.Qual("fmt", "Sprint").Call(v))
		})...)
		return append(out, jen.Id("query").Dot("Set").Call(jen.Lit(p.Name), jen.Qual("strings", "Join").Call(jen.Id("parts"), jen.Lit(","))))
	}
	return []jen.Code{jen.Id("query").Dot("Set").Call(jen.Lit(p.Name), g.paramString(p, v))}
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
				return jen.Block(
					jen.Id("q").Op(":=").Id("req").Dot("URL").Dot("Query").Call(),
					jen.Id("q").Dot("Set").Call(jen.Lit(s.Name), v),
					jen.Id("req").Dot("URL").Dot("RawQuery").Op("=").Id("q").Dot("Encode").Call(),
				)
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
	if c := r.Contents[0]; c.JSON && resultPointer(c.Type) {
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
	if !resultPointer(c.Type) {
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

// objectMembers visits the members of a struct parameter that are set, with
// the expression of each value.
func objectMembers(p *model.Param, visit func(f *model.Field, v *jen.Statement) jen.Code) []jen.Code {
	var out []jen.Code
	for _, f := range p.Type.Fields {
		// Field access through a pointer needs no dereference.
		fv := jen.Id("request").Dot(p.GoName).Dot(f.GoName)
		switch {
		case f.Wrapped():
			out = append(out, jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(fv.Clone()).Dot("Get").Call(), jen.Id("ok")).Block(visit(f, jen.Id("v"))))
		case f.Pointer():
			out = append(out, jen.If(fv.Clone().Op("!=").Nil()).Block(visit(f, jen.Op("*").Add(fv.Clone()))))
		case !resultPointer(f.Type):
			out = append(out, jen.If(fv.Clone().Op("!=").Nil()).Block(visit(f, fv.Clone())))
		default:
			out = append(out, visit(f, fv.Clone()))
		}
	}
	return out
}

// formAdd adds one member of an exploded form object; arrays repeat the key.
func formAdd(key string, t *model.Type, v *jen.Statement) jen.Code {
	if t.Kind == model.KindArray {
		return jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(v)).Block(
			jen.Id("query").Dot("Add").Call(jen.Lit(key), scalarString(t.Elem, jen.Id("e"))),
		)
	}
	return jen.Id("query").Dot("Add").Call(jen.Lit(key), scalarString(t, v))
}

// deepObjectAdd adds one deepObject member; arrays are indexed:
// name[field][0]=a&name[field][1]=b.
func deepObjectAdd(key string, t *model.Type, v *jen.Statement) jen.Code {
	if t.Kind == model.KindArray {
		return jen.For(jen.List(jen.Id("i"), jen.Id("e")).Op(":=").Range().Add(v)).Block(
			jen.Id("query").Dot("Add").Call(
				jen.Qual("fmt", "Sprintf").Call(jen.Lit(key+"[%d]"), jen.Id("i")),
				scalarString(t.Elem, jen.Id("e"))),
		)
	}
	return jen.Id("query").Dot("Add").Call(jen.Lit(key), scalarString(t, v))
}
