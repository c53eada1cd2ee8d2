package parser

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/model"
)

// pendingMultipart is a multipart body whose parts are decided once every
// operation is lowered (lowerMultiparts).
type pendingMultipart struct {
	body *model.RequestBody
	mt   *openapi3.MediaType
}

// multipartBody checks that a multipart/form-data body can be sent as
// parts (an object of properties; else the reason is returned) and leaves
// its parts to lowerMultiparts.
func (b *builder) multipartBody(body *model.RequestBody, mt *openapi3.MediaType) string {
	if body.Type.Kind != model.KindStruct {
		return "it is not an object of properties"
	}
	b.multiparts = append(b.multiparts, pendingMultipart{body, mt})
	return ""
}

// lowerMultiparts decides how each property of each multipart body
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
// none).
//
// Making binary strings files changes types: a struct, union or list that
// is used anywhere else (a JSON body or answer, a parameter, a webhook),
// where its bytes stay []byte, gets a twin ("<Name>Multipart") instead.
// That is why this runs after every operation is lowered.
func (b *builder) lowerMultiparts() {
	if len(b.multiparts) == 0 {
		return
	}
	used := b.usedOutsideMultipart()
	twins := map[*model.Type]*model.Type{}
	for _, p := range b.multiparts {
		body := p.body
		if used[body.Type] && hasBinary(body.Type) {
			body.Type = b.twin(body.Type, twins)
		}
		body.Parts = map[string]model.Part{}
		for _, f := range body.Type.Fields {
			if f.Kind == model.FieldExtra {
				b.warnf("form-body", body.Pos, "request body %s: the properties its schema does not declare (additionalProperties) are not sent", body.ContentType)
			}
			if f.Kind != model.FieldProperty {
				continue
			}
			f.Type = b.fileOf(f.Type, used, twins)
			part := model.Part{Kind: partKind(f.Type)}
			if enc := p.mt.Encoding[f.Name]; enc != nil {
				if enc.ContentType != "" {
					// "image/png, image/jpeg": the first is the default.
					ct, _, _ := strings.Cut(enc.ContentType, ",")
					part.ContentType = strings.TrimSpace(ct)
					if part.Kind == model.PartValue && isJSON(part.ContentType) {
						part.Kind = model.PartJSON
					}
				}
				part.Headers = b.partHeaders(body, f.Name, enc)
			}
			body.Parts[f.Name] = part
		}
	}
}

// partHeaders are the headers the encoding of part name fixes, as name,
// value pairs: a header whose schema has a default or a single enum value
// is sent with it; another has no value to send, with a warning.
// Content-Type is the encoding's contentType, never a header of its own.
func (b *builder) partHeaders(body *model.RequestBody, name string, enc *openapi3.Encoding) []string {
	var pairs []string
	for _, h := range slices.Sorted(maps.Keys(enc.Headers)) {
		if strings.EqualFold(h, "Content-Type") {
			continue
		}
		var s *openapi3.Schema
		if ref := enc.Headers[h]; ref != nil && ref.Value != nil && ref.Value.Schema != nil {
			s = ref.Value.Schema.Value
		}
		var v any
		switch {
		case s == nil:
		case s.Default != nil:
			v = s.Default
		case len(s.Enum) == 1:
			v = s.Enum[0]
		}
		text, scalar := scalarText(v)
		if !scalar || strings.ContainsAny(text, "\r\n") || !validHeaderName(h) {
			b.warnf("form-body", body.Pos, "part %q: header %s is not sent: its schema fixes no value (a default, or a single enum value)", name, h)
			continue
		}
		pairs = append(pairs, h, text)
	}
	return pairs
}

// scalarText is a string, number or boolean as a header carries it.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool, float64, int, int64:
		return fmt.Sprint(x), true
	}
	return "", false
}

// validHeaderName: an HTTP token.
func validHeaderName(h string) bool {
	if h == "" {
		return false
	}
	for _, r := range h {
		if r > 126 || r <= 32 || strings.ContainsRune("()<>@,;:\\\"/[]?={}", r) {
			return false
		}
	}
	return true
}

// usedOutsideMultipart are the types reachable from every use but the
// multipart bodies: parameters, other bodies, answers, webhooks.
func (b *builder) usedOutsideMultipart() map[*model.Type]bool {
	used := map[*model.Type]bool{}
	visit := func(t *model.Type) { model.Reach(t, used) }
	for _, svc := range b.api.Services {
		for _, op := range svc.Operations {
			for _, p := range op.Params {
				visit(p.Type)
			}
			for _, body := range op.Bodies() {
				if body.Encoding != model.BodyMultipart {
					visit(body.Type)
				}
			}
			for _, r := range op.Responses {
				for _, c := range r.Contents {
					visit(c.Type)
				}
			}
			for _, c := range op.Results {
				visit(c.Type)
			}
		}
	}
	for _, w := range b.api.Webhooks {
		visit(w.Payload)
	}
	return used
}

// fileOf is t with its binary strings made files: t itself, an array's
// items, or a union's alternatives. A named list or union used elsewhere
// is twinned; one used only in multipart bodies is changed in place.
func (b *builder) fileOf(t *model.Type, used map[*model.Type]bool, twins map[*model.Type]*model.Type) *model.Type {
	switch {
	case isBinary(t):
		if b.fileType == nil {
			b.fileType = &model.Type{Kind: model.KindFile, Format: "binary"}
		}
		return b.fileType
	case t.Kind == model.KindArray && isBinary(t.Elem):
		if !t.IsNamed() {
			cp := *t
			cp.Elem = b.fileOf(t.Elem, used, twins)
			return &cp
		}
		if used[t] {
			t = b.twin(t, twins)
		}
		t.Elem = b.fileOf(t.Elem, used, twins)
	case t.Kind == model.KindUnion && hasBinary(t):
		if used[t] {
			t = b.twin(t, twins)
		}
		for _, v := range t.Variants {
			v.Type = b.fileOf(v.Type, used, twins)
		}
	}
	return t
}

// hasBinary: a struct's property, a union's alternative or a list's item
// is a binary string (or a list of them).
func hasBinary(t *model.Type) bool {
	binaryish := func(x *model.Type) bool {
		return isBinary(x) || (x.Kind == model.KindArray && isBinary(x.Elem))
	}
	switch t.Kind {
	case model.KindStruct:
		return slices.ContainsFunc(t.Fields, func(f *model.Field) bool {
			return f.Kind == model.FieldProperty && (binaryish(f.Type) || (f.Type.Kind == model.KindUnion && hasBinary(f.Type)))
		})
	case model.KindUnion:
		return slices.ContainsFunc(t.Variants, func(v *model.Variant) bool { return binaryish(v.Type) })
	case model.KindArray:
		return isBinary(t.Elem)
	}
	return false
}

// twin is a copy of named type t ("<Name>Multipart") whose binary strings
// can become files without changing t, one per type.
func (b *builder) twin(t *model.Type, twins map[*model.Type]*model.Type) *model.Type {
	if tw, ok := twins[t]; ok {
		return tw
	}
	tw := *t
	tw.Loc = t.Loc + "#multipart"
	tw.Name = b.namerFor(t.Pkg).Claim(t.Name+"Multipart", tw.Loc, t.Pos)
	tw.Fields = make([]*model.Field, len(t.Fields))
	for i, f := range t.Fields {
		cp := *f
		tw.Fields[i] = &cp
	}
	tw.Variants = make([]*model.Variant, len(t.Variants))
	for i, v := range t.Variants {
		cp := *v
		tw.Variants[i] = &cp
	}
	if t.Kind == model.KindUnion {
		// Alternatives renamed after their twins get their getters anew.
		b.nameVariants(&tw)
	}
	twins[t] = &tw
	b.api.Types = append(b.api.Types, &tw)
	return &tw
}

func isBinary(t *model.Type) bool { return t.Kind == model.KindBytes && t.Format == "binary" }

// partKind is how a property of type t travels in a multipart body.
func partKind(t *model.Type) model.PartKind {
	switch {
	case t.IsFiles():
		return model.PartFile
	case textual(t):
		return model.PartValue
	case t.Kind == model.KindUnion:
		files, text := false, true
		for _, v := range t.Variants {
			files = files || v.Type.IsFiles()
			text = text && (v.Type.IsFiles() || textual(v.Type))
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
