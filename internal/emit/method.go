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
//
// followed by its streaming variant (OpStream) when it has one.
func (g *gen) emitOperationMethod(svc *model.Service, op *model.Operation) jen.Code {
	m := g.emitMethod(svc, op, nil)
	if op.Stream == nil {
		return m
	}
	return jen.Add(m).Line().Line().Add(g.emitMethod(svc, op, op.Stream))
}

// emitMethod is the method of op, or its streaming variant v (another
// name and Accept header, the body's stream flag set).
func (g *gen) emitMethod(svc *model.Service, op *model.Operation, v *model.StreamVariant) jen.Code {
	name, accept := op.GoName, op.Accept
	if v != nil {
		name, accept = v.GoName, v.Accept
	}
	params := []jen.Code{
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("request").Add(g.goType(op.Request)),
	}
	if op.Security != nil {
		params = append(params, jen.Id("security").Add(g.goType(op.Security)))
	}
	params = append(params, jen.Id("opts").Op("...").Qual(g.operationsPath(), "Option"))
	var body []jen.Code
	body = append(body,
		jen.Const().Id("op").Op("=").Lit(opLabel(op)),
		jen.Id("o").Op(":=").Id("s").Dot("cfg").Dot("Resolve").Call(jen.Id("opts")),
	)
	if v != nil {
		body = append(body, g.setStreamFlag(op, v)...)
	}
	body = append(body, g.buildURL(op)...)
	build, contentType := g.buildBody(op)
	body = append(body, build...)
	body = append(body,
		jen.List(jen.Id("req"), jen.Err()).Op(":=").Qual("net/http", "NewRequestWithContext").Call(
			jen.Id("ctx"), jen.Lit(op.Method), jen.Id("reqURL"), jen.Id("body")),
		ifErrReturn("%s: building request: %w"),
	)
	body = append(body, g.attachMultipart(op)...)
	if accept != "" {
		body = append(body, jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Accept"), jen.Lit(accept)))
	}
	if op.Body != nil {
		setCT := jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), contentType)
		if op.Body.Omittable {
			body = append(body, jen.If(jen.Id("body").Op("!=").Nil()).Block(setCT))
		} else {
			body = append(body, setCT)
		}
	}
	body = append(body, g.setParams(op)...)
	if g.querySecrets(op) {
		// secret notes a credential sent in the query for the engine,
		// which keeps it out of error texts.
		body = append(body,
			jen.Var().Id("secrets").Index().String(),
			jen.Id("secret").Op(":=").Func().Params(jen.Id("v").String()).String().Block(
				jen.Id("secrets").Op("=").Append(jen.Id("secrets"), jen.Id("v")),
				jen.Return(jen.Id("v")),
			),
		)
	}
	body = append(body, g.setSecurity(op)...)
	if g.usesQuery(op) {
		body = append(body, g.setQuery(op)...)
	}
	call := jen.Dict{jen.Id("Operation"): jen.Id("op")}
	if g.querySecrets(op) {
		call[jen.Id("Secrets")] = jen.Id("secrets")
	}
	if op.Retries != nil {
		call[jen.Id("Retry")] = jen.Id(retriesVar(op))
	}
	body = append(body,
		// The engine retries, applies the options and hooks, and wraps
		// its errors with the operation.
		jen.List(jen.Id("httpRes"), jen.Err()).Op(":=").Id("s").Dot("cfg").Dot("Send").Call(
			jen.Id("req"), jen.Qual(g.clientPath(), "Call").Values(call), jen.Id("o")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
	)
	if streams(op) {
		// A streamed body is the caller's to close.
		body = append(body,
			jen.Id("handedOver").Op(":=").False(),
			jen.Defer().Func().Params().Block(
				jen.If(jen.Op("!").Id("handedOver")).Block(jen.Id("httpRes").Dot("Body").Dot("Close").Call()),
			).Call(),
		)
	} else {
		body = append(body, jen.Defer().Id("httpRes").Dot("Body").Dot("Close").Call())
	}
	facts := []jen.Code{
		jen.Id("StatusCode").Op(":").Id("httpRes").Dot("StatusCode"),
		jen.Id("ContentType").Op(":").Id("httpRes").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")),
		jen.Id("RawResponse").Op(":").Id("httpRes"),
	}
	if downloads(op) {
		facts = append(facts, jen.Id("ContentLength").Op(":").Id("httpRes").Dot("ContentLength"))
	}
	body = append(body, jen.Id("res").Op(":=").Op("&").Add(g.goType(op.Response)).Values(facts...))
	if op.Redirect {
		body = append(body, jen.If(jen.Id("httpRes").Dot("StatusCode").Op(">=").Lit(300).Op("&&").Id("httpRes").Dot("StatusCode").Op("<").Lit(400)).Block(
			jen.Id("res").Dot("Location").Op("=").Id("httpRes").Dot("Header").Dot("Get").Call(jen.Lit("Location")),
		))
	}
	// Error answers: a bounded copy of the body, decoded into the
	// documented model when it is one, in an *sdkerrors.APIError.
	apiErr := jen.Id("s").Dot("cfg").Dot("APIError").Call(jen.Id("op"), jen.Id("httpRes"))
	errorPath := []jen.Code{jen.Return(jen.Id("res"), apiErr)}
	if decode := g.decodeResponses(op, true); len(decode) > 0 {
		errorPath = append([]jen.Code{jen.Id("apiErr").Op(":=").Add(apiErr)}, decode...)
		errorPath = append(errorPath, jen.Return(jen.Id("res"), jen.Id("apiErr")))
	}
	body = append(body, jen.If(jen.Id("httpRes").Dot("StatusCode").Op(">=").Lit(400)).Block(errorPath...))
	body = append(body, g.decodeResponses(op, false)...)
	body = append(body, jen.Return(jen.Id("res"), jen.Nil()))
	text := op.Description
	if op.Deprecated {
		text = strings.TrimRight(text, "\n") + "\n\nDeprecated: this operation is deprecated by the API."
	}
	summary := op.Summary
	doc := docLines(op.GoName, strings.TrimRight(summary, "\n"))
	if strings.TrimSpace(text) != "" {
		doc = append(doc, docLines("", text)...)
	}
	if v != nil {
		doc = streamVariantDoc(op, v)
	}
	return withDoc(doc, jen.Func().Params(jen.Id("s").Op("*").Id(svc.GoName)).Id(name).Params(params...).
		Params(jen.Op("*").Add(g.goType(op.Response)), jen.Error()).Block(body...))
}

// streams reports whether a result of op is a body handed to the caller
// unread (a download).
func streams(op *model.Operation) bool {
	for _, r := range op.Results {
		if r.Type.Kind == model.KindStream || r.Type.Kind == model.KindEventStream {
			return true
		}
	}
	return false
}

// downloads reports whether a result of op is a download (an
// io.ReadCloser handed over unread).
func downloads(op *model.Operation) bool {
	for _, r := range op.Results {
		if r.Type.Kind == model.KindStream {
			return true
		}
	}
	return false
}

// ifErrReturn: if err != nil { return nil, fmt.Errorf(format, op, err) }
func ifErrReturn(format string) jen.Code {
	return jen.If(jen.Err().Op("!=").Nil()).Block(
		jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit(format), jen.Id("op"), jen.Err())),
	)
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
				return jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Authorization"), jen.Qual(g.clientPath(), "Bearer").Call(v))
			case s.In == model.InQuery:
				// The key is a secret: kept out of error texts (a
				// *url.Error prints the URL).
				return jen.Id("query").Dot("Set").Call(jen.Lit(s.Name), jen.Id("secret").Call(v))
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
// content type decoding into the typed field. errors picks the error
// statuses (4xx, 5xx and default, decoded from the bounded copy apiErr.Body;
// a body that does not decode leaves the field nil, the APIError still
// carries the bytes) or the others (decoded from the stream; "default"
// too, for a status the spec does not list).
func (g *gen) decodeResponses(op *model.Operation, errors bool) []jen.Code {
	var cases []jen.Code
	for _, r := range op.Responses {
		if r.IsError() != errors && r.Status != "default" {
			continue
		}
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
			chain.If(jen.Qual(g.clientPath(), "MatchContentType").Call(jen.Id("res").Dot("ContentType"), jen.Lit(c.ContentType))).Block(g.decodeContent(r, c, errors)...)
		}
		if len(r.Contents) > 0 && !errors && !r.IsError() {
			// A success body in a media type the spec does not document is
			// reported, not silently dropped.
			chain.Else().If(jen.Qual(g.clientPath(), "HasBody").Call(jen.Id("httpRes"))).Block(
				jen.Return(jen.Id("res"), jen.Qual("fmt", "Errorf").Call(jen.Lit("%s: unexpected Content-Type %q for status %d"),
					jen.Id("op"), jen.Id("res").Dot("ContentType"), jen.Id("httpRes").Dot("StatusCode"))),
			)
		}
		var stmts []jen.Code
		cfg := jen.Op("&").Id("s").Dot("cfg").Dot("Config")
		switch c := singleJSON(r); {
		case c != nil && errors:
			// res.Field = client.Model[T](apiErr, "application/json")
			stmts = append(stmts, jen.Id("res").Dot(c.FieldName).Op("=").Qual(g.clientPath(), "Model").Types(g.goType(c.Type)).Call(jen.Id("apiErr"), jen.Lit(c.ContentType)))
		case c != nil && r.IsError():
			// An undocumented success status ("default"):
			// res.Field = client.DecodeLenient[T](&s.cfg.Config, httpRes, "application/json")
			stmts = append(stmts, jen.Id("res").Dot(c.FieldName).Op("=").Qual(g.clientPath(), "DecodeLenient").Types(g.goType(c.Type)).Call(cfg, jen.Id("httpRes"), jen.Lit(c.ContentType)))
		case c != nil:
			// if res.Field, err = client.DecodeJSON[T](&s.cfg.Config, httpRes, "application/json"); err != nil {
			//	return res, fmt.Errorf("%s: %w", op, err)
			// }
			stmts = append(stmts, jen.If(
				jen.List(jen.Id("res").Dot(c.FieldName), jen.Err()).Op("=").Qual(g.clientPath(), "DecodeJSON").Types(g.goType(c.Type)).Call(cfg, jen.Id("httpRes"), jen.Lit(c.ContentType)),
				jen.Err().Op("!=").Nil(),
			).Block(jen.Return(jen.Id("res"), jen.Qual("fmt", "Errorf").Call(jen.Lit("%s: %w"), jen.Id("op"), jen.Err()))))
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

// singleJSON is the one JSON body of a response decoded into a pointer
// field (the common case, printed compactly by the client's generic
// decoders), or nil.
func singleJSON(r *model.Response) *model.ResponseContent {
	if len(r.Contents) != 1 {
		return nil
	}
	if c := r.Contents[0]; c.JSON && c.Presence == model.Pointer {
		return c
	}
	return nil
}

// decodeContent fills one typed field: on the error path from the bounded
// copy apiErr.Body (a body that does not decode is no error: the APIError
// carries it), else from the stream, bounded.
func (g *gen) decodeContent(r *model.Response, c *model.ResponseContent, errors bool) []jen.Code {
	field := jen.Id("res").Dot(c.FieldName)
	cfg := jen.Id("s").Dot("cfg")
	decodeErr := jen.Return(jen.Id("res"), jen.Qual("fmt", "Errorf").Call(jen.Lit("%s: decoding %d response: %w"), jen.Id("op"), jen.Id("httpRes").Dot("StatusCode"), jen.Err()))
	if c.Type.Kind == model.KindStream {
		if errors {
			return []jen.Code{field.Op("=").Qual("io", "NopCloser").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("apiErr").Dot("Body")))}
		}
		return []jen.Code{field.Op("=").Id("httpRes").Dot("Body"), jen.Id("handedOver").Op("=").True()}
	}
	if c.Type.Kind == model.KindEventStream {
		return g.decodeEvents(c, errors)
	}
	raw := func() []jen.Code { // data: the body's bytes
		if errors {
			return []jen.Code{jen.Id("data").Op(":=").Id("apiErr").Dot("Body")}
		}
		return []jen.Code{
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Add(cfg.Clone()).Dot("ReadBody").Call(jen.Id("httpRes")),
			jen.If(jen.Err().Op("!=").Nil()).Block(decodeErr),
		}
	}
	switch {
	case c.Type.Kind == model.KindBytes:
		return append(raw(), field.Op("=").Id("data"))
	case !c.JSON:
		return append(raw(),
			jen.Id("text").Op(":=").String().Call(jen.Id("data")),
			field.Op("=").Op("&").Id("text"),
		)
	}
	assign := jen.Op("&").Id("out")
	if c.Presence != model.Pointer {
		assign = jen.Id("out")
	}
	decl := jen.Var().Id("out").Add(g.goType(c.Type))
	if errors || r.IsError() {
		// Lenient: a body that does not decode leaves the field nil.
		stmts := []jen.Code{decl}
		if !errors {
			stmts = append(stmts, raw()...)
		} else {
			stmts = append(stmts, jen.Id("data").Op(":=").Id("apiErr").Dot("Body"))
		}
		set := []jen.Code{field.Clone().Op("=").Add(assign)}
		if errors {
			set = append(set, jen.Id("apiErr").Dot("Model").Op("=").Id("res").Dot(c.FieldName))
		}
		return append(stmts, jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("out")).Op("==").Nil()).Block(set...))
	}
	return []jen.Code{
		decl,
		jen.If(jen.Err().Op(":=").Add(cfg).Dot("ReadJSON").Call(jen.Id("httpRes"), jen.Op("&").Id("out")), jen.Err().Op("!=").Nil()).Block(decodeErr),
		field.Clone().Op("=").Add(assign),
	}
}

// querySecrets reports whether op sends an API key in the query: the
// method then collects it (secrets) for the engine to keep out of errors.
func (g *gen) querySecrets(op *model.Operation) bool {
	var sec *model.Type
	switch {
	case op.NoSecurity:
	case op.Security != nil:
		sec = op.Security
	default:
		sec = g.api.SecurityType
	}
	if sec != nil {
		for _, f := range sec.Fields {
			if f.Scheme != nil && f.Scheme.Kind == model.SchemeAPIKey && f.Scheme.In == model.InQuery {
				return true
			}
		}
	}
	return false
}

// retriesVar is the package variable holding op's retry policy from the
// spec.
func retriesVar(op *model.Operation) string { return "retries" + op.GoName }
