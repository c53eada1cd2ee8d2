package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oasgo/gen/internal/model"
)

// emitRequestStruct:
//
//	type OpRequest struct {
//		// body description
//		Body *shared.Body
//		// parameter description
//		XParam string
//	}
//
// The body comes first, then the parameters by Go name.
func (g *gen) emitRequestStruct(op *model.Operation) jen.Code {
	var fields []jen.Code
	for i, b := range op.Bodies() {
		fields = append(fields, withDoc(docLines("", bodyDoc(op, b, i == 0)), jen.Id(b.GoName).Add(g.typeAt(b.Type, b.Presence))))
	}
	for _, p := range op.Params {
		fields = append(fields, withDoc(docLines("", p.Description), jen.Id(p.GoName).Add(g.typeAt(p.Type, p.Presence))))
	}
	return withDoc(docLines("", op.Request.Name+" holds the body and parameters of "+op.GoName+"."), jen.Type().Id(op.Request.Name).Struct(fields...))
}

// bodyDoc is a body field's comment: its description, and, for a choice
// of media types, which one it sends.
func bodyDoc(op *model.Operation, b *model.RequestBody, first bool) string {
	if len(op.OtherBodies) == 0 {
		return b.Description
	}
	text := strings.TrimRight(b.Description, "\n")
	if text != "" {
		text += "\n\n"
	}
	names := make([]string, 0, len(op.OtherBodies))
	for _, x := range op.Bodies() {
		if x != b {
			names = append(names, x.GoName)
		}
	}
	text += "Sent as " + b.ContentType + " when set"
	if first {
		text += " (the default media type)"
	}
	return text + "; set it or " + strings.Join(names, " or ") + ", not both."
}

// emitResponseStruct:
//
//	type OpResponse struct {
//		// Bad Request
//		BadRequestResponse *shared.BadRequestResponse
//		ContentType        string
//		...
//		RawResponse        *http.Response
//		StatusCode         int
//	}
//
// One field per documented body type, plus the HTTP facts, by name.
func (g *gen) emitResponseStruct(op *model.Operation) jen.Code {
	type field struct {
		name string
		code jen.Code
	}
	var fixed []field
	if downloads(op) {
		fixed = append(fixed, field{"ContentLength", withDoc(docLines("", "ContentLength is the length of a download in bytes, -1 when the answer does not say."), jen.Id("ContentLength").Int64())})
	}
	fixed = append(fixed, field{"ContentType", withDoc(docLines("", "ContentType is the response's Content-Type header."), jen.Id("ContentType").String())})
	if op.Redirect {
		fixed = append(fixed, field{"Location", withDoc(docLines("", "Location is the Location header of a redirect (3xx) answer, which is returned, not followed."), jen.Id("Location").String())})
	}
	fixed = append(fixed, []field{
		{"RawResponse", withDoc(docLines("", "RawResponse is the HTTP response. Its Body was read to decode the answer (a download is the result field itself)."), jen.Id("RawResponse").Op("*").Qual("net/http", "Response"))},
		{"StatusCode", withDoc(docLines("", "StatusCode is the HTTP status code of the response."), jen.Id("StatusCode").Int())},
	}...)
	var fields []jen.Code
	i := 0
	for _, r := range op.Results {
		for i < len(fixed) && fixed[i].name < r.FieldName {
			fields = append(fields, fixed[i].code)
			i++
		}
		fields = append(fields, withDoc(docLines("", r.Description), jen.Id(r.FieldName).Add(g.typeAt(r.Type, r.Presence))))
	}
	for ; i < len(fixed); i++ {
		fields = append(fields, fixed[i].code)
	}
	return withDoc(docLines("", op.Response.Name+" is the answer to "+op.GoName+": the HTTP facts and the decoded body."), jen.Type().Id(op.Response.Name).Struct(fields...))
}
