package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgo/gen/internal/model"
)

// buildBody returns the statements that leave the request body in body
// (an io.Reader, nil for none) and the expression of its Content-Type.
//
// One JSON body: body, err := client.JSONBody(request.Field) (JSONBodyIf
// when it may be unset). One other body that is always set: its encoding,
// then body := the reader. Otherwise (a body that may be unset, or a
// choice of media types): the body the caller set, one at most; none set
// sends none.
//
//	var body io.Reader
//	var contentType string
//	switch {
//	case request.Pet != nil:
//		if request.PetForm != nil {
//			return nil, fmt.Errorf("%s: set one request body of Pet, PetForm", op)
//		}
//		data, err := client.JSONBody(request.Pet)
//		...
//		body, contentType = data, "application/json"
//	case request.PetForm != nil:
//		...
//	}
func (g *gen) buildBody(op *model.Operation) ([]jen.Code, jen.Code) {
	b := op.Body
	switch {
	case b == nil:
		return []jen.Code{jen.Var().Id("body").Qual("io", "Reader")}, nil
	case len(op.OtherBodies) == 0 && b.Encoding == model.BodyJSON:
		field := jen.Id("request").Dot(b.GoName)
		call := jen.Qual(g.clientPath(), "JSONBody").Call(field.Clone())
		if b.Omittable {
			call = jen.Qual(g.clientPath(), "JSONBodyIf").Call(bodySet(b), field.Clone())
		}
		return []jen.Code{
			jen.List(jen.Id("body"), jen.Err()).Op(":=").Add(call),
			ifErrReturn("%s: encoding request body: %w"),
		}, jen.Lit(b.WireType)
	case len(op.OtherBodies) == 0 && !b.Omittable:
		build, reader, ct := g.encodeBody(b)
		return append(build, jen.Id("body").Op(":=").Add(reader)), ct
	}
	stmts := []jen.Code{
		jen.Var().Id("body").Qual("io", "Reader"),
		jen.Var().Id("contentType").String(),
	}
	all := op.Bodies()
	names := make([]string, len(all))
	for i, x := range all {
		names[i] = x.GoName
	}
	if len(all) == 1 {
		// One body that may be unset: if request.Body != nil { ... }
		return append(stmts, jen.If(bodySet(b)).Block(g.assignBody(b)...)), jen.Id("contentType")
	}
	var cases []jen.Code
	for i, x := range all {
		var block []jen.Code
		if i < len(all)-1 {
			var others *jen.Statement
			for _, y := range all[i+1:] {
				if others == nil {
					others = bodySet(y)
				} else {
					others = others.Op("||").Add(bodySet(y))
				}
			}
			block = append(block, jen.If(others).Block(
				jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("%s: set one request body of "+strings.Join(names, ", ")), jen.Id("op"))),
			))
		}
		cases = append(cases, jen.Case(bodySet(x)).Block(append(block, g.assignBody(x)...)...))
	}
	return append(stmts, jen.Switch().Block(cases...)), jen.Id("contentType")
}

// assignBody encodes a body that is set into body and contentType, both
// declared already.
func (g *gen) assignBody(b *model.RequestBody) []jen.Code {
	build, reader, ct := g.encodeBody(b)
	return append(build, jen.List(jen.Id("body"), jen.Id("contentType")).Op("=").List(reader, ct))
}

// bodySet: request.Body != nil (every body of a choice may be unset).
func bodySet(b *model.RequestBody) *jen.Statement {
	return jen.Id("request").Dot(b.GoName).Op("!=").Nil()
}

// encodeBody encodes a body that is set: the statements, the reader of
// the encoded body and its Content-Type.
func (g *gen) encodeBody(b *model.RequestBody) ([]jen.Code, jen.Code, jen.Code) {
	field := jen.Id("request").Dot(b.GoName)
	switch b.Encoding {
	case model.BodyForm:
		build, reader := g.formBody(b)
		return build, reader, jen.Lit(b.WireType)
	case model.BodyBytes:
		return nil, jen.Qual("bytes", "NewReader").Call(field), jen.Lit(b.WireType)
	case model.BodyMultipart:
		// Its Content-Type names its boundary.
		return []jen.Code{jen.Id("mp").Op(":=").Add(g.multipartBody(b))}, jen.Id("mp"), jen.Id("mp").Dot("ContentType").Call()
	}
	return []jen.Code{
		jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual(g.clientPath(), "JSONBody").Call(field),
		ifErrReturn("%s: encoding request body: %w"),
	}, jen.Id("data"), jen.Lit(b.WireType)
}

// present runs then on a property's value when it holds one: a nil
// pointer, slice or map, or an absent or null Nullable, sends nothing.
// then gets the value itself, or, with ptrOK, a pointer as it is (for
// field access, which goes through it).
func present(f *model.Field, access *jen.Statement, ptrOK bool, then func(v *jen.Statement) []jen.Code) []jen.Code {
	switch {
	case f.Presence == model.Nullable:
		return []jen.Code{jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(access).Dot("Get").Call(), jen.Id("ok")).Block(then(jen.Id("v"))...)}
	case f.Presence == model.Pointer:
		v := jen.Op("*").Add(access.Clone())
		if ptrOK {
			v = access.Clone()
		}
		return []jen.Code{jen.If(access.Clone().Op("!=").Nil()).Block(then(v)...)}
	case f.Type.NilAble():
		return []jen.Code{jen.If(access.Clone().Op("!=").Nil()).Block(then(access.Clone())...)}
	}
	return then(access)
}

// formBody encodes a urlencoded body from its struct, each property as
// its FormWire says, through the params runtime (no reflection); it
// returns the statements and the reader of the encoded form:
//
//	var form params.Query
//	form.Add(params.Form, true, false, "name", params.String(request.Pet.Name))
//	if request.Pet.Tag != nil {
//		form.Add(params.Form, true, false, "tag", params.String(*request.Pet.Tag))
//	}
//	... strings.NewReader(form.EncodeForm())
func (g *gen) formBody(b *model.RequestBody) ([]jen.Code, jen.Code) {
	pp := g.paramsPath()
	base := jen.Id("request").Dot(b.GoName)
	stmts := []jen.Code{jen.Var().Id("form").Qual(pp, "Query")}
	for i, f := range b.Type.Fields {
		w, ok := b.FormWire[f.Name]
		if !ok {
			continue
		}
		stmts = append(stmts, present(f, base.Clone().Dot(f.GoName), false, func(v *jen.Statement) []jen.Code {
			wv := g.wireValue(f.Type, v)
			add := func(v jen.Code) jen.Code {
				return jen.Id("form").Dot("Add").Call(g.styleID(w.Style), jen.Lit(w.Explode), jen.Lit(w.AllowReserved), jen.Lit(f.Name), v)
			}
			if !mayFail(f.Type, map[*model.Type]bool{}) {
				return []jen.Code{add(wv)}
			}
			id := "field" + strconv.Itoa(i)
			return []jen.Code{
				jen.Id(id).Op(":=").Add(wv),
				jen.If(jen.Err().Op(":=").Id(id).Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("%s: encoding body field %s: %w"), jen.Id("op"), jen.Lit(f.Name), jen.Err())),
				),
				add(jen.Id(id)),
			}
		})...)
	}
	return stmts, jen.Qual("strings", "NewReader").Call(jen.Id("form").Dot("EncodeForm").Call())
}

// multipartBody is the streamed multipart body of b's struct, one part per
// property as its Part says:
//
//	params.NewMultipart(func(parts *params.Parts) error {
//		if err := parts.File("file", request.Upload.File.Name, request.Upload.File.ContentType, request.Upload.File.Content); err != nil {
//			return err
//		}
//		if request.Upload.Purpose != nil {
//			if err := parts.Value("purpose", "", params.String(*request.Upload.Purpose), nil); err != nil {
//				return err
//			}
//		}
//		return nil
//	})
func (g *gen) multipartBody(b *model.RequestBody) jen.Code {
	pp := g.paramsPath()
	base := jen.Id("request").Dot(b.GoName)
	try := func(call jen.Code) jen.Code {
		return jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
	}
	var stmts []jen.Code
	for _, f := range b.Type.Fields {
		p, ok := b.Parts[f.Name]
		if !ok {
			continue
		}
		name, ct := jen.Lit(f.Name), jen.Lit(p.ContentType)
		// with appends the part's fixed headers to a call's arguments.
		with := func(args ...jen.Code) []jen.Code {
			for _, h := range p.Headers {
				args = append(args, jen.Lit(h))
			}
			return args
		}
		// file writes one file, of a types.File value or pointer.
		file := func(v jen.Code) jen.Code {
			fileCT := jen.Add(v).Dot("ContentType")
			if p.ContentType != "" {
				fileCT = jen.Qual("cmp", "Or").Call(fileCT, ct)
			}
			return try(jen.Id("parts").Dot("File").Call(with(name, jen.Add(v).Dot("Name"), fileCT, jen.Add(v).Dot("Content"))...))
		}
		files := func(t *model.Type, v jen.Code) []jen.Code {
			if t.Kind == model.KindArray {
				return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("f")).Op(":=").Range().Add(v)).Block(file(jen.Id("f")))}
			}
			return []jen.Code{file(v)}
		}
		access := base.Clone().Dot(f.GoName)
		if p.Kind == model.PartFile && f.Presence == model.Direct && f.Type.Kind == model.KindArray {
			// Ranging over a nil slice writes nothing.
			stmts = append(stmts, files(f.Type, access)...)
			continue
		}
		stmts = append(stmts, present(f, access, p.Kind == model.PartFile, func(v *jen.Statement) []jen.Code {
			switch p.Kind {
			case model.PartFile:
				return files(f.Type, v)
			case model.PartJSON:
				return []jen.Code{try(jen.Id("parts").Dot("JSON").Call(with(name, ct, v)...))}
			case model.PartUnion:
				// The file alternative, if set; else the value.
				u := jen.Id("u")
				var cases []jen.Code
				for _, alt := range f.Type.Variants {
					if alt.Type.IsFiles() {
						cases = append(cases, jen.Case(u.Clone().Dot(alt.GoName).Op("!=").Nil()).Block(files(alt.Type, u.Clone().Dot(alt.GoName))...))
					}
				}
				cases = append(cases, jen.Default().Block(try(jen.Id("parts").Dot("Value").Call(with(name, ct, g.wireValue(f.Type, u.Clone()), u.Clone())...))))
				return []jen.Code{jen.Id("u").Op(":=").Add(v), jen.Switch().Block(cases...)}
			}
			// The value itself too: an object (a union's object
			// alternative) is sent as its JSON.
			return []jen.Code{try(jen.Id("parts").Dot("Value").Call(with(name, ct, g.wireValue(f.Type, v), v.Clone())...))}
		})...)
	}
	stmts = append(stmts, jen.Return(jen.Nil()))
	return jen.Qual(pp, "NewMultipart").Call(jen.Func().Params(jen.Id("parts").Op("*").Qual(pp, "Parts")).Error().Block(stmts...))
}

// attachMultipart gives the request a multipart body's length and a way
// to read it again, when its files allow (params.Multipart.Attach):
//
//	body.Attach(req)
//	// or, for a body that may be another or none:
//	if mp, ok := body.(*params.Multipart); ok {
//		mp.Attach(req)
//	}
func (g *gen) attachMultipart(op *model.Operation) []jen.Code {
	switch {
	case !hasMultipart(op):
		return nil
	case len(op.OtherBodies) == 0 && !op.Body.Omittable:
		return []jen.Code{jen.Id("body").Dot("Attach").Call(jen.Id("req"))}
	}
	return []jen.Code{jen.If(
		jen.List(jen.Id("mp"), jen.Id("ok")).Op(":=").Id("body").Assert(jen.Op("*").Qual(g.paramsPath(), "Multipart")), jen.Id("ok"),
	).Block(jen.Id("mp").Dot("Attach").Call(jen.Id("req")))}
}

// hasMultipart reports whether one of op's bodies is multipart.
func hasMultipart(op *model.Operation) bool {
	for _, b := range op.Bodies() {
		if b.Encoding == model.BodyMultipart {
			return true
		}
	}
	return false
}

// usesMultipart reports whether an operation takes a multipart body (the
// SDK needs internal/params/multipart.go).
func usesMultipart(api *model.API) bool {
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			if hasMultipart(op) {
				return true
			}
		}
	}
	return false
}

// usesFiles reports whether a multipart body holds a file (the SDK needs
// pkg/types/file.go).
func usesFiles(api *model.API) bool {
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			for _, b := range op.Bodies() {
				for _, p := range b.Parts {
					if p.Kind == model.PartFile || p.Kind == model.PartUnion {
						return true
					}
				}
			}
		}
	}
	return false
}
