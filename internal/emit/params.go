package emit

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgo/gen/internal/emit/runtime"
	"github.com/oasgo/gen/internal/model"
)

// Parameters travel as the model's Wire says. The generated code reduces
// each Go value to a params.Value (type-directed, no reflection: the
// functions below print that reduction), then the SDK's internal/params
// package, written from internal/emit/runtime, lays it out per style.

func (g *gen) paramsPath() string { return g.opts.Module + "/internal/params" }

// runtimeParams is internal/params/params.go: the runtime package with
// gen's header.
func (g *gen) runtimeParams() File {
	return File{Path: "internal/params/params.go", Data: withHeader(g.opts.Version, runtime.Params)}
}

// withHeader is a runtime source with gen's header.
func withHeader(version string, src []byte) []byte {
	return append([]byte("// "+HeaderFor(version)+"\n\n"), bytes.TrimLeft(src, "\n")...)
}

// usesParams reports whether any operation has a parameter (or an API key
// sent in the query), so the SDK needs internal/params.
func (g *gen) usesParams() bool {
	for _, svc := range g.api.Services {
		for _, op := range svc.Operations {
			if len(op.Params) > 0 || g.usesQuery(op) {
				return true
			}
			for _, b := range op.Bodies() {
				if b.Encoding == model.BodyForm || b.Encoding == model.BodyMultipart {
					return true
				}
			}
		}
	}
	return false
}

// usesQuery reports whether op sends anything in the query: a parameter,
// or an API key of the security it applies.
func (g *gen) usesQuery(op *model.Operation) bool {
	for _, p := range op.Params {
		if p.In == model.InQuery {
			return true
		}
	}
	return g.querySecrets(op)
}

// styleID is params.<Style>.
func (g *gen) styleID(s model.Style) jen.Code { return jen.Qual(g.paramsPath(), s.Ident()) }

// setIf wraps set in the check that p holds a value: a nil pointer, or a
// nil optional slice or map, sends nothing.
func setIf(p *model.Param, set ...jen.Code) []jen.Code {
	if p.Presence == model.Pointer || (!p.Required && p.Type.NilAble()) {
		return []jen.Code{jen.If(jen.Id("request").Dot(p.GoName).Op("!=").Nil()).Block(set...)}
	}
	return set
}

// paramValue is the reduction of p's value to a params.Value, and the
// statements that must run first: a value that holds JSON (content
// parameters, interface{} members) may fail to encode, so it is reduced
// into a variable named id and checked.
//
//	value0 := params.JSON(request.Filter)
//	if err := value0.Err(); err != nil {
//		return nil, fmt.Errorf("%s: encoding parameter %s: %w", op, "filter", err)
//	}
func (g *gen) paramValue(p *model.Param, id string) (pre []jen.Code, v jen.Code) {
	field := jen.Id("request").Dot(p.GoName)
	if p.Presence == model.Pointer {
		field = jen.Op("*").Add(field)
	}
	if p.Wire.ContentType != "" {
		v = jen.Qual(g.paramsPath(), "JSON").Call(field)
	} else {
		v = g.wireValue(p.Type, field)
	}
	if p.Wire.ContentType == "" && !mayFail(p.Type, map[*model.Type]bool{}) {
		return nil, v
	}
	return []jen.Code{
		jen.Id(id).Op(":=").Add(v),
		jen.If(jen.Err().Op(":=").Id(id).Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("%s: encoding parameter %s: %w"), jen.Id("op"), jen.Lit(p.Name), jen.Err())),
		),
	}, jen.Id(id)
}

// mayFail reports whether reducing a value of t may meet JSON that does
// not encode (interface{} and raw JSON members).
func mayFail(t *model.Type, seen map[*model.Type]bool) bool {
	if t == nil || seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind {
	case model.KindAny, model.KindRaw:
		return true
	case model.KindArray, model.KindMap:
		return mayFail(t.Elem, seen)
	}
	for _, f := range t.Fields {
		if mayFail(f.Type, seen) {
			return true
		}
	}
	for _, v := range t.Variants {
		if mayFail(v.Type, seen) {
			return true
		}
	}
	return false
}

// buildURL:
//
//	reqURL := strings.TrimSuffix(o.ServerURL, "/") + "/users/" + params.Path(params.Simple, false, "id", params.String(request.ID))
func (g *gen) buildURL(op *model.Operation) []jen.Code {
	byName := map[string]*model.Param{}
	for _, p := range op.Params {
		if p.In == model.InPath {
			byName[p.Name] = p
		}
	}
	var out []jen.Code
	expr := jen.Qual("strings", "TrimSuffix").Call(jen.Id("o").Dot("ServerURL"), jen.Lit("/"))
	rest := op.Path
	if op.Query != "" && !g.usesQuery(op) {
		rest += "?" + op.Query
	}
	for i := 0; rest != ""; i++ {
		open := strings.IndexByte(rest, '{')
		end := strings.IndexByte(rest[max(open, 0):], '}') + max(open, 0)
		if open < 0 || end < open {
			expr = expr.Op("+").Lit(rest)
			break
		}
		if open > 0 {
			expr = expr.Op("+").Lit(rest[:open])
		}
		name := rest[open+1 : end]
		if p := byName[name]; p != nil {
			pre, v := g.paramValue(p, "path"+strconv.Itoa(i))
			out = append(out, pre...)
			expr = expr.Op("+").Qual(g.paramsPath(), "Path").Call(g.styleID(p.Wire.Style), jen.Lit(p.Wire.Explode), jen.Lit(p.Name), v)
		} else {
			expr = expr.Op("+").Lit(rest[open : end+1])
		}
		rest = rest[end+1:]
	}
	return append(out, jen.Id("reqURL").Op(":=").Add(expr))
}

// setQuery sends the query built by setParams and setSecurity, after the
// operation's fixed query when it has one:
//
//	req.URL.RawQuery = "beta=true"
//	if q := query.Encode(); q != "" {
//		req.URL.RawQuery += "&" + q
//	}
func (g *gen) setQuery(op *model.Operation) []jen.Code {
	raw := jen.Id("req").Dot("URL").Dot("RawQuery")
	if op.Query == "" {
		return []jen.Code{raw.Op("=").Id("query").Dot("Encode").Call()}
	}
	return []jen.Code{
		jen.Id("req").Dot("URL").Dot("RawQuery").Op("=").Lit(op.Query),
		jen.If(jen.Id("q").Op(":=").Id("query").Dot("Encode").Call(), jen.Id("q").Op("!=").Lit("")).Block(
			jen.Id("req").Dot("URL").Dot("RawQuery").Op("+=").Lit("&").Op("+").Id("q"),
		),
	}
}

// setParams sets the query, header and cookie parameters:
//
//	query.Add(params.Form, true, false, "limit", params.Int(*request.Limit))
//	req.Header.Set("x-id", params.Header(false, params.String(request.XID)))
//	params.AddCookies(req.Header, params.Cookies(true, "session", params.String(request.Session)))
func (g *gen) setParams(op *model.Operation) []jen.Code {
	var out []jen.Code
	pp := g.paramsPath()
	if g.usesQuery(op) {
		out = append(out, jen.Var().Id("query").Qual(pp, "Query"))
	}
	for i, p := range op.Params {
		if p.In == model.InPath {
			continue
		}
		set, v := g.paramValue(p, "value"+strconv.Itoa(i))
		switch p.In {
		case model.InQuery:
			set = append(set, jen.Id("query").Dot("Add").Call(g.styleID(p.Wire.Style), jen.Lit(p.Wire.Explode), jen.Lit(p.Wire.AllowReserved), jen.Lit(p.Name), v))
		case model.InHeader:
			set = append(set, jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit(p.Name), jen.Qual(pp, "Header").Call(jen.Lit(p.Wire.Explode), v)))
		case model.InCookie:
			set = append(set, jen.Qual(pp, "AddCookies").Call(jen.Id("req").Dot("Header"), jen.Qual(pp, "Cookies").Call(jen.Lit(p.Wire.Explode), jen.Lit(p.Name), v)))
		default:
			continue
		}
		out = append(out, setIf(p, set...)...)
	}
	return out
}

// wireValue reduces the Go value v of type t to a params.Value:
// params.String(v), params.List(v, func(e T) params.Value {...}), or the
// wire function of a declared struct or union.
func (g *gen) wireValue(t *model.Type, v *jen.Statement) jen.Code {
	pp := g.paramsPath()
	scalar := func(k model.Kind, v jen.Code) jen.Code {
		switch k {
		case model.KindInt:
			return jen.Qual(pp, "Int").Call(v)
		case model.KindFloat:
			return jen.Qual(pp, "Float").Call(v)
		case model.KindBool:
			return jen.Qual(pp, "Bool").Call(v)
		case model.KindTime:
			return jen.Qual(pp, "Time").Call(v)
		}
		return jen.Qual(pp, "String").Call(v)
	}
	switch t.Kind {
	case model.KindString, model.KindDate, model.KindInt, model.KindFloat, model.KindBool, model.KindTime:
		return scalar(t.Kind, v)
	case model.KindEnum:
		// The enum's value as its base type: string(v), int64(v), ...
		return scalar(t.EnumBase, g.goType(&model.Type{Kind: t.EnumBase}).Call(v))
	case model.KindArray, model.KindMap:
		if t.IsNamed() {
			// A declared list or map has its function: it may hold itself.
			return jen.Id(wireFunc(t)).Call(v)
		}
		return g.containerValue(t, v)
	case model.KindStruct, model.KindUnion:
		return jen.Id(wireFunc(t)).Call(v)
	case model.KindAny:
		return jen.Qual(pp, "Any").Call(v)
	}
	// json.RawMessage, []byte: JSON text.
	return jen.Qual(pp, "JSON").Call(v)
}

// containerValue reduces a list or a map, element by element.
func (g *gen) containerValue(t *model.Type, v *jen.Statement) jen.Code {
	pp := g.paramsPath()
	switch t.Kind {
	case model.KindArray:
		if fn := scalarList(t); fn != "" {
			// []string, []int64, a slice of an enum, ...: params.Strings(v)
			return jen.Qual(pp, fn).Call(v)
		}
		fallthrough
	default:
		fn := "List"
		if t.Kind == model.KindMap {
			fn = "Map"
		}
		if t.ElemPresence() == model.Pointer {
			// Elements that may be null: nil is sent as null.
			return jen.Qual(pp, fn).Call(v, jen.Func().Params(jen.Id("e").Add(g.typeAt(t.Elem, model.Pointer))).Qual(pp, "Value").Block(
				jen.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.Qual(pp, "Null").Call())),
				jen.Return(g.wireValue(t.Elem, jen.Op("*").Id("e"))),
			))
		}
		return jen.Qual(pp, fn).Call(v, jen.Func().Params(jen.Id("e").Add(g.goType(t.Elem))).Qual(pp, "Value").Block(
			jen.Return(g.wireValue(t.Elem, jen.Id("e"))),
		))
	}
}

// scalarList is the params function reducing a slice of t's elements
// directly ("Strings", "Ints", ...), or "" when they need a function each.
func scalarList(t *model.Type) string {
	if t.ElemPresence() != model.Direct {
		return ""
	}
	k := t.Elem.Kind
	if k == model.KindEnum {
		k = t.Elem.EnumBase
	}
	switch k {
	case model.KindString, model.KindDate:
		return "Strings"
	case model.KindInt:
		return "Ints"
	case model.KindFloat:
		return "Floats"
	case model.KindBool:
		return "Bools"
	}
	return ""
}

// wireFunc names the root package's function reducing a declared type.
func wireFunc(t *model.Type) string { return "wire" + model.Pascal(t.Pkg) + t.Name }

// wireTypes are the structs and unions that parameters hold, directly or
// inside one another, in model order.
func (g *gen) wireTypes() []*model.Type {
	seen := map[*model.Type]bool{}
	visit := func(t *model.Type) { model.Reach(t, seen) }
	for _, svc := range g.api.Services {
		for _, op := range svc.Operations {
			for _, p := range op.Params {
				if p.Wire.ContentType == "" {
					visit(p.Type)
				}
			}
			for _, b := range op.Bodies() {
				switch b.Encoding {
				case model.BodyForm:
					// Its properties travel as parameters do; not the body
					// struct itself (formBody lays it out).
					for _, f := range b.Type.Fields {
						visit(f.Type)
					}
				case model.BodyMultipart:
					// Text parts are parameter values too.
					for _, f := range b.Type.Fields {
						if k := b.Parts[f.Name].Kind; k == model.PartValue || k == model.PartUnion {
							visit(f.Type)
						}
					}
				}
			}
		}
	}
	// Structs and unions have their function, and so have declared lists
	// and maps (they may hold themselves).
	var out []*model.Type
	for _, t := range g.api.Types {
		switch t.Kind {
		case model.KindStruct, model.KindUnion, model.KindArray, model.KindMap:
			if seen[t] {
				out = append(out, t)
			}
		}
	}
	return out
}

// paramsFile is sdk_params.go: one function per struct, union, declared
// list or declared map that a parameter holds.
//
//	func wireSharedFilter(v shared.Filter) params.Value {
//		o := params.Object()
//		if v.Name != nil {
//			o = o.With("name", params.String(*v.Name))
//		}
//		return o
//	}
func (g *gen) paramsFile(types []*model.Type) *jen.File {
	f := g.rootFile()
	pp := g.paramsPath()
	for _, t := range types {
		var body []jen.Code
		if t.Kind == model.KindArray || t.Kind == model.KindMap {
			body = append(body, jen.Return(g.containerValue(t, jen.Id("v"))))
		} else if t.Kind == model.KindUnion {
			var cases []jen.Code
			for _, vr := range t.Variants {
				val := jen.Id("v").Dot(vr.GoName)
				if vr.Presence == model.Pointer {
					val = jen.Op("*").Add(val)
				}
				cases = append(cases, jen.Case(jen.Id("v").Dot(vr.GoName).Op("!=").Nil()).Block(jen.Return(g.wireValue(vr.Type, val))))
			}
			if len(cases) > 0 {
				body = append(body, jen.Switch().Block(cases...))
			}
			body = append(body, jen.Return(jen.Qual(pp, "Null").Call()))
		} else {
			body = append(body, jen.Id("o").Op(":=").Qual(pp, "Object").Call())
			for _, fl := range t.Fields {
				body = append(body, g.wireMember(fl)...)
			}
			body = append(body, jen.Return(jen.Id("o")))
		}
		f.Comment("// " + wireFunc(t) + " reduces a " + t.Pkg + "." + t.Name + " to a parameter value.")
		f.Func().Id(wireFunc(t)).Params(jen.Id("v").Add(g.goType(t))).Qual(pp, "Value").Block(body...)
	}
	return f
}

// wireMember adds one field of a struct to the object o, when it is set.
func (g *gen) wireMember(fl *model.Field) []jen.Code {
	pp := g.paramsPath()
	fv := jen.Id("v").Dot(fl.GoName)
	with := func(v jen.Code) jen.Code {
		return jen.Id("o").Op("=").Id("o").Dot("With").Call(jen.Lit(fl.Name), v)
	}
	switch {
	case fl.Kind == model.FieldExtra:
		return []jen.Code{jen.Id("o").Op("=").Id("o").Dot("WithAll").Call(g.wireValue(fl.Type, fv))}
	case fl.Presence == model.Nullable:
		return []jen.Code{jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(fv.Clone()).Dot("Get").Call(), jen.Id("ok")).Block(
			with(g.wireValue(fl.Type, jen.Id("x"))),
		).Else().If(fv.Clone().Dot("IsNull").Call()).Block(
			with(jen.Qual(pp, "Null").Call()),
		)}
	case fl.Presence == model.Pointer:
		return []jen.Code{jen.If(fv.Clone().Op("!=").Nil()).Block(with(g.wireValue(fl.Type, jen.Op("*").Add(fv.Clone()))))}
	case fl.Type.NilAble() && fl.Optional:
		return []jen.Code{jen.If(fv.Clone().Op("!=").Nil()).Block(with(g.wireValue(fl.Type, fv.Clone())))}
	}
	return []jen.Code{with(g.wireValue(fl.Type, fv))}
}
