package specserver

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// readableParts works around two limits of openapi3filter's multipart
// decoder, so that the parts a client sends are validated rather than
// refused:
//
//   - a text part whose schema is a union of strings (anyOf: [string,
//     {enum}], as OpenAI's model fields are) has no type to parse by, and
//     decodes to null: the property's schema gets type string, which
//     every alternative has already;
//   - a part whose encoding names a content type it has no decoder for
//     (application/sdp) fails to decode: a string property's content type
//     is read as plain text.
//
// The registry of decoders is kin-openapi's, process-wide.
func readableParts(doc *openapi3.T) {
	eachOperation(doc, func(op *openapi3.Operation) {
		if op.RequestBody == nil || op.RequestBody.Value == nil {
			return
		}
		for ct, mt := range op.RequestBody.Value.Content {
			if !strings.HasPrefix(strings.ToLower(ct), "multipart/") || mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
				continue
			}
			for name, prop := range mt.Schema.Value.Properties {
				if prop == nil || prop.Value == nil {
					continue
				}
				p := prop.Value
				if p.Type == nil && stringUnion(p) {
					p.Type = &openapi3.Types{openapi3.TypeString}
				}
				enc := mt.Encoding[name]
				if enc == nil || enc.ContentType == "" || !p.Type.Is(openapi3.TypeString) {
					continue
				}
				for _, t := range strings.Split(enc.ContentType, ",") {
					if t = strings.ToLower(strings.TrimSpace(t)); t != "" && !strings.Contains(t, "*") {
						registerDecoder(t)
					}
				}
			}
		}
	})
}

// stringUnion reports whether s is a oneOf or anyOf whose alternatives are
// all strings (nulls aside), and has some.
func stringUnion(s *openapi3.Schema) bool {
	alts := append(append(openapi3.SchemaRefs(nil), s.OneOf...), s.AnyOf...)
	n := 0
	for _, a := range alts {
		if a == nil || a.Value == nil {
			return false
		}
		switch {
		case a.Value.Type.Is(openapi3.TypeString) && a.Value.Format != "binary":
			n++
		case a.Value.Type.Is(openapi3.TypeNull) || (a.Value.Type == nil && len(a.Value.Enum) == 1 && a.Value.Enum[0] == nil):
		default:
			return false
		}
	}
	return n > 0
}
