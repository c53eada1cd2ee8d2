package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oasgo/gen/internal/model"
)

// usesEventStreams reports whether an operation answers with an event
// stream, so the SDK needs pkg/sse.
func usesEventStreams(api *model.API) bool {
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			for _, c := range op.Results {
				if c.Type.Kind == model.KindEventStream {
					return true
				}
			}
		}
	}
	return false
}

// decodeEvents hands an event-stream body to the caller as a typed stream,
// each event bounded by WithMaxBodyBytes:
//
//	res.Events = sse.New[shared.Chunk](ctx, httpRes.Body, s.cfg.MaxBodyBytes)
//	handedOver = true
//
// (sse.NewText for text events; on the error path, over the bounded copy
// of the body).
func (g *gen) decodeEvents(c *model.ResponseContent, errors bool) []jen.Code {
	src := jen.Id("httpRes").Dot("Body")
	if errors {
		src = jen.Qual("io", "NopCloser").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("apiErr").Dot("Body")))
	}
	args := []jen.Code{jen.Id("ctx"), src, jen.Id("s").Dot("cfg").Dot("MaxBodyBytes")}
	var stream jen.Code
	if elem := c.Type.Elem; elem.Kind == model.KindString && !elem.IsNamed() {
		stream = jen.Qual(g.ssePath(), "NewText").Call(args...)
	} else {
		stream = jen.Qual(g.ssePath(), "New").Types(g.goType(elem)).Call(args...)
	}
	out := []jen.Code{jen.Id("res").Dot(c.FieldName).Op("=").Add(stream)}
	if !errors {
		out = append(out, jen.Id("handedOver").Op("=").True())
	}
	return out
}

// setStreamFlag sets the body's stream property to true in the streaming
// variant, on a copy of a body held by pointer:
//
//	if request.Body != nil {
//		streamed := *request.Body
//		streamed.Stream = types.NewNullable(true)
//		request.Body = &streamed
//	}
func (g *gen) setStreamFlag(op *model.Operation, v *model.StreamVariant) []jen.Code {
	f, b := v.Flag, op.Body
	if f == nil || b == nil {
		return nil
	}
	var val jen.Code = jen.True()
	switch f.Presence {
	case model.Pointer:
		val = jen.Id("Bool").Call(jen.True())
	case model.Nullable:
		val = jen.Qual(g.typesPath(), "NewNullable").Call(jen.True())
	}
	field := jen.Id("request").Dot(b.GoName)
	if b.Presence != model.Pointer {
		return []jen.Code{field.Dot(f.GoName).Op("=").Add(val)}
	}
	return []jen.Code{jen.If(field.Clone().Op("!=").Nil()).Block(
		jen.Id("streamed").Op(":=").Op("*").Add(field.Clone()),
		jen.Id("streamed").Dot(f.GoName).Op("=").Add(val),
		field.Clone().Op("=").Op("&").Id("streamed"),
	)}
}

// streamVariantDoc is the doc comment of op's streaming variant.
func streamVariantDoc(op *model.Operation, v *model.StreamVariant) []jen.Code {
	text := v.GoName + " is " + op.GoName + " answered as an event stream: it asks for\n" + v.Accept
	if v.Flag != nil {
		text += " and sets the body's " + v.Flag.Name + " to true (on a copy: request is\nnot changed)"
	}
	text += ". The events are the response's *sse.Stream field, which\nthe caller closes (a range over its All or Events does)."
	return docLines("", text)
}

// StreamSnippet is the example program of op's streaming variant ("" when
// it has none).
func (g *gen) StreamSnippet(svc *model.Service, op *model.Operation) string {
	if op.Stream == nil {
		return ""
	}
	return g.snippet(svc, op, false, op.Stream)
}

// successEvents is the event-stream result a snippet ranges over: the
// first success body of op when it is one, or, for the streaming variant
// v, its first event-stream body; nil when neither.
func successEvents(op *model.Operation, v *model.StreamVariant) *model.ResponseContent {
	for _, r := range op.Responses {
		if r.IsError() {
			continue
		}
		for _, c := range r.Contents {
			if v == nil || c.Type.Kind == model.KindEventStream {
				if c.Type.Kind == model.KindEventStream {
					return c
				}
				return nil
			}
		}
	}
	return nil
}

// rangeEvents is the closing block of a snippet whose answer is an event
// stream: a range over its events (which closes it).
func (sn *snippet) rangeEvents(c *model.ResponseContent) string {
	f := "res." + c.FieldName
	return ind(1) + "if " + f + " != nil {\n" +
		ind(2) + "// Each event's data; the range closes the stream.\n" +
		ind(2) + "for event, err := range " + f + ".All() {\n" +
		ind(3) + "if err != nil {\n" + ind(4) + "log.Fatal(err)\n" + ind(3) + "}\n" +
		ind(3) + "log.Printf(\"%+v\", event)\n" +
		ind(2) + "}\n" +
		ind(1) + "}\n"
}
