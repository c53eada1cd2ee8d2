package parser

import (
	"mime"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/model"
)

// Server-sent events: a text/event-stream answer is a typed stream
// (model.KindEventStream) of the events whose data the media type's schema
// describes; an operation answering either so or in another media type
// gets a streaming variant (model.StreamVariant).

// isEventStream reports whether ct is text/event-stream.
func isEventStream(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(strings.ToLower(ct), ";")
	}
	return strings.TrimSpace(mt) == "text/event-stream"
}

// eventStream is the type of an event-stream answer: a stream of the
// schema's values (each event's data is one JSON value), or of text when
// the media type has no schema or a plain string one.
func (b *builder) eventStream(mt *openapi3.MediaType, name string, h home, loc string) *model.Type {
	elem := &model.Type{Kind: model.KindString}
	if mt != nil && mt.Schema != nil {
		if t := b.typeOf(mt.Schema, name, h, loc); !(t.Kind == model.KindString && !t.IsNamed()) {
			elem = t
		}
	}
	return &model.Type{Kind: model.KindEventStream, Elem: elem}
}

// lowerStreamVariant gives o its streaming variant when a success answer
// may be an event stream or something else: the plain method then asks
// for the other media types, the variant (<Op>Stream) for the event
// stream, setting the body's boolean "stream" property when it has one
// (the convention of OpenAI's API, whose request says whether to stream).
// The variant's name is claimed as the operations' are: one taken by an
// operation is an error, located at both.
func (b *builder) lowerStreamVariant(o *model.Operation, opNames *model.Namer) {
	var streams []string
	other := false
	for _, r := range o.Responses {
		if r.IsError() {
			continue
		}
		for _, c := range r.Contents {
			if c.Type.Kind == model.KindEventStream {
				streams = appendNew(streams, c.ContentType)
			} else {
				other = true
			}
		}
	}
	if len(streams) == 0 || !other {
		return
	}
	want := o.GoName + "Stream"
	label := "the streaming variant of " + opLabel(o.Method, pathKey(o), o.ID)
	if first, taken := b.methods[want]; taken {
		b.errorf(o.Pos, "%s becomes the Go method %s, as %s does (at %s): give one of them another operationId or an x-speakeasy-name-override", label, want, first.label, first.pos)
		return
	}
	b.methods[want] = opClaim{label, o.Pos}
	v := &model.StreamVariant{GoName: opNames.Claim(want, "", o.Pos), Accept: strings.Join(streams, ", ")}
	if body := o.Body; body != nil && body.Encoding == model.BodyJSON && body.Type.Kind == model.KindStruct {
		for _, f := range body.Type.Fields {
			if f.Kind == model.FieldProperty && f.Name == "stream" && f.Type.Kind == model.KindBool {
				v.Flag = f
			}
		}
	}
	if v.Flag == nil && o.Body != nil {
		b.warnf("event-stream", o.Pos, "%s: its streaming variant %s asks for %s by the Accept header alone: the request body has no boolean property stream to ask with (the caller sets what the API wants)", opLabel(o.Method, pathKey(o), o.ID), v.GoName, v.Accept)
	}
	var accept []string
	for _, ct := range strings.Split(o.Accept, ", ") {
		if !isEventStream(ct) {
			accept = append(accept, ct)
		}
	}
	o.Accept = strings.Join(accept, ", ")
	o.Stream = v
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// pathKey is the operation's path as the spec writes it.
func pathKey(o *model.Operation) string {
	if o.Query != "" {
		return o.Path + "?" + o.Query
	}
	return o.Path
}
