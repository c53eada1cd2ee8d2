package parser

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/model"
)

// multipartWire decides how each property of a multipart/form-data body
// travels (model.Part), by its type:
//
//   - a binary string (format binary) is a file (types.File: a name, a
//     content type and an io.Reader), streamed as its own part; so is each
//     item of an array of them, and a union's binary alternative;
//   - a scalar, an enum, a list of them, or a union of them is text (a list:
//     one part per item);
//   - anything else (an object, a map, a list of objects) is one JSON part.
//
// The media type's encoding gives a part's content type (a JSON one makes
// a value a JSON part; for a file, the type sent when the caller gives
// none). A body that is not an object of properties cannot be sent as
// parts: the reason is returned.
func (b *builder) multipartWire(body *model.RequestBody, mt *openapi3.MediaType) string {
	t := body.Type
	if t.Kind != model.KindStruct {
		return "it is not an object of properties"
	}
	body.Parts = map[string]model.Part{}
	for _, f := range t.Fields {
		if f.Kind == model.FieldExtra {
			b.warnf("form-body", body.Pos, "request body %s: the properties its schema does not declare (additionalProperties) are not sent", body.ContentType)
		}
		if f.Kind != model.FieldProperty {
			continue
		}
		f.Type = b.fileOf(f.Type)
		p := model.Part{Kind: partKind(f.Type)}
		if enc := mt.Encoding[f.Name]; enc != nil {
			if enc.ContentType != "" {
				// "image/png, image/jpeg": the first is the default.
				ct, _, _ := strings.Cut(enc.ContentType, ",")
				p.ContentType = strings.TrimSpace(ct)
				if p.Kind == model.PartValue && isJSON(p.ContentType) {
					p.Kind = model.PartJSON
				}
			}
			if len(enc.Headers) > 0 {
				pos := b.pos(b.at(enc, enc.Origin))
				if pos.Line == 0 {
					pos = body.Pos
				}
				b.warnf("form-body", pos, "part %q: the headers its encoding describes are not sent (the SDK has no value for them)", f.Name)
			}
		}
		body.Parts[f.Name] = p
	}
	return ""
}

// fileOf is t with its binary strings made files: t itself, an array's
// items, or a union's alternatives (a named type is changed in place: in a
// multipart body, its binary strings are files wherever it is used).
func (b *builder) fileOf(t *model.Type) *model.Type {
	switch {
	case isBinary(t):
		if b.fileType == nil {
			b.fileType = &model.Type{Kind: model.KindFile, Format: "binary"}
		}
		return b.fileType
	case t.Kind == model.KindArray && isBinary(t.Elem):
		if t.IsNamed() {
			t.Elem = b.fileOf(t.Elem)
			return t
		}
		cp := *t
		cp.Elem = b.fileOf(t.Elem)
		return &cp
	case t.Kind == model.KindUnion:
		for _, v := range t.Variants {
			v.Type = b.fileOf(v.Type)
		}
	}
	return t
}

func isBinary(t *model.Type) bool { return t.Kind == model.KindBytes && t.Format == "binary" }

// partKind is how a property of type t travels in a multipart body.
func partKind(t *model.Type) model.PartKind {
	switch {
	case isFileish(t):
		return model.PartFile
	case textual(t):
		return model.PartValue
	case t.Kind == model.KindUnion:
		files, text := false, true
		for _, v := range t.Variants {
			files = files || isFileish(v.Type)
			text = text && (isFileish(v.Type) || textual(v.Type))
		}
		switch {
		case files:
			return model.PartUnion
		case text:
			return model.PartValue
		}
	}
	return model.PartJSON
}

// isFileish: a file, or a list of them.
func isFileish(t *model.Type) bool {
	return t.Kind == model.KindFile || (t.Kind == model.KindArray && t.Elem.Kind == model.KindFile)
}

// textual: a scalar, an enum, or a list of them.
func textual(t *model.Type) bool {
	if t.Kind == model.KindArray {
		t = t.Elem
	}
	switch t.Kind {
	case model.KindString, model.KindDate, model.KindInt, model.KindFloat, model.KindBool, model.KindTime, model.KindEnum:
		return true
	}
	return false
}

// multipartTwin is a copy of struct t whose binary strings can become
// files without changing t ("<Name>Multipart"), for a schema that is the
// operation's JSON body too.
func (b *builder) multipartTwin(t *model.Type) *model.Type {
	if t.Kind != model.KindStruct || !t.IsNamed() {
		return t
	}
	tw := *t
	tw.Loc = t.Loc + "#multipart"
	tw.Name = b.namerFor(t.Pkg).Claim(t.Name+"Multipart", tw.Loc, t.Pos)
	tw.Fields = make([]*model.Field, len(t.Fields))
	for i, f := range t.Fields {
		cp := *f
		if u := f.Type; u.Kind == model.KindUnion && u.IsNamed() && slices.ContainsFunc(u.Variants, func(v *model.Variant) bool { return b.fileOf(v.Type) != v.Type }) {
			// A union with a binary alternative: twinned too.
			ut := *u
			ut.Loc = u.Loc + "#multipart"
			ut.Name = b.namerFor(u.Pkg).Claim(u.Name+"Multipart", ut.Loc, u.Pos)
			ut.Variants = make([]*model.Variant, len(u.Variants))
			for j, v := range u.Variants {
				vc := *v
				ut.Variants[j] = &vc
			}
			b.api.Types = append(b.api.Types, &ut)
			cp.Type = &ut
		}
		tw.Fields[i] = &cp
	}
	b.api.Types = append(b.api.Types, &tw)
	return &tw
}
