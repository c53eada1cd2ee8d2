package parser

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/model"
)

// paginationKey is Speakeasy's extension describing how an operation pages.
const paginationKey = "x-speakeasy-pagination"

// lowerPagination decides whether o (lowered from op) pages its results,
// and how: from x-speakeasy-pagination,
//
//	x-speakeasy-pagination:
//	  type: cursor                  # or offsetLimit (inputs offset or page, and limit)
//	  inputs:
//	    - {name: cursor, in: parameters, type: cursor}
//	    - {name: limit, in: parameters, type: limit}
//	  outputs: {nextCursor: $.meta.cursors.next, results: $.data}
//
// else from the Apideck list convention: a GET with the query parameters
// cursor and limit whose success JSON answer has data (an array) and
// meta.cursors.next. An extension gen cannot read is a warning (kind
// pagination): the operation gets no iterator. The iterator's method,
// <Op>Iter, is claimed beside the operations' methods; an operation that
// already has that name is an error.
func (b *builder) lowerPagination(o *model.Operation, op *openapi3.Operation, path, method string) {
	pos := b.keyPos("paths", path, opKey(method), paginationKey)
	var p *model.Pagination
	if raw, ok := op.Extensions[paginationKey]; ok && raw != nil {
		var err error
		if p, err = b.readPagination(o, raw); err != nil {
			b.warnf("pagination", pos, "%s: %v: %s gets no iterator", paginationKey, err, o.GoName)
			return
		}
		p.Convention = paginationKey
	} else if p = apideckPagination(o); p == nil {
		return
	} else {
		pos = o.Pos
	}
	p.Pos = pos
	p.Method = o.GoName + "Iter"
	if first, taken := b.methods[p.Method]; taken {
		b.errorf(pos, "the iterator of operation %s is the Go method %s, as %s is (at %s): give one of them another operationId or an x-speakeasy-name-override", opLabel(method, path, o.ID), p.Method, first.label, first.pos)
		return
	}
	b.methods[p.Method] = opClaim{"the iterator of " + opLabel(method, path, o.ID), pos}
	o.Pagination = p
}

// apideckPagination is the Apideck list convention's cursor pagination of
// o, or nil when o does not follow it.
func apideckPagination(o *model.Operation) *model.Pagination {
	if o.Method != "GET" {
		return nil
	}
	cursor, limit := queryParam(o, "cursor"), queryParam(o, "limit")
	src := successJSON(o)
	if cursor == nil || limit == nil || src == nil {
		return nil
	}
	p := &model.Pagination{Kind: model.PageCursor, Source: src, Cursor: cursor, Limit: limit, Convention: "apideck"}
	var err error
	if p.Results, p.List, err = resultsChain(src, "$.data"); err != nil {
		return nil
	}
	if p.NextCursor, err = cursorChain(src, "$.meta.cursors.next", cursor); err != nil {
		return nil
	}
	return p
}

// readPagination reads an x-speakeasy-pagination value against o.
func (b *builder) readPagination(o *model.Operation, raw any) (*model.Pagination, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("must be an object")
	}
	src := successJSON(o)
	if src == nil {
		return nil, fmt.Errorf("the operation has no success (2xx) JSON answer to read pages from")
	}
	p := &model.Pagination{Source: src}
	typ, _ := m["type"].(string)
	inputs := map[string]*model.Param{}
	list, ok := m["inputs"].([]any)
	if !ok {
		return nil, fmt.Errorf("inputs must be a list")
	}
	for i, in := range list {
		im, ok := in.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("inputs[%d] must be an object", i)
		}
		name, _ := im["name"].(string)
		where, _ := im["in"].(string)
		role, _ := im["type"].(string)
		if where != "parameters" {
			return nil, fmt.Errorf("inputs[%d] (%s): in %q is not generated (only parameters)", i, name, where)
		}
		prm := queryParam(o, name)
		if prm == nil {
			return nil, fmt.Errorf("inputs[%d]: %q is not a query parameter of the operation", i, name)
		}
		switch role {
		case "cursor", "offset", "page", "limit":
		default:
			return nil, fmt.Errorf("inputs[%d] (%s): type %q is not cursor, offset, page or limit", i, name, role)
		}
		if inputs[role] != nil {
			return nil, fmt.Errorf("inputs[%d] (%s): a second %s input", i, name, role)
		}
		if role != "cursor" && prm.Type.Kind != model.KindInt {
			return nil, fmt.Errorf("inputs[%d] (%s): the %s parameter must be an integer", i, name, role)
		}
		inputs[role] = prm
	}
	outputs, ok := m["outputs"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("outputs must be an object")
	}
	results, _ := outputs["results"].(string)
	if results == "" {
		return nil, fmt.Errorf("outputs.results is missing (the JSONPath of the items: $.data)")
	}
	var err error
	if p.Results, p.List, err = resultsChain(src, results); err != nil {
		return nil, fmt.Errorf("outputs.results: %v", err)
	}
	p.Limit = inputs["limit"]
	switch typ {
	case "cursor":
		p.Kind = model.PageCursor
		if p.Cursor = inputs["cursor"]; p.Cursor == nil {
			return nil, fmt.Errorf("type cursor needs an input of type cursor")
		}
		next, _ := outputs["nextCursor"].(string)
		if next == "" {
			return nil, fmt.Errorf("type cursor needs outputs.nextCursor (the JSONPath of the next cursor: $.meta.next)")
		}
		if p.NextCursor, err = cursorChain(src, next, p.Cursor); err != nil {
			return nil, fmt.Errorf("outputs.nextCursor: %v", err)
		}
	case "offsetLimit":
		p.Offset, p.Page = inputs["offset"], inputs["page"]
		switch {
		case p.Offset != nil && p.Page != nil:
			return nil, fmt.Errorf("type offsetLimit takes an offset or a page input, not both")
		case p.Offset != nil:
			p.Kind = model.PageOffset
		case p.Page != nil:
			p.Kind = model.PageNumber
			p.FirstPage = 1
			if d := p.Page.Type.Default; d != nil {
				if n, err := strconv.ParseInt(d.Number, 10, 64); err == nil {
					p.FirstPage = n
				}
			}
		default:
			return nil, fmt.Errorf("type offsetLimit needs an input of type offset or page")
		}
	default:
		return nil, fmt.Errorf("type %q is not cursor or offsetLimit", typ)
	}
	return p, nil
}

// queryParam is o's query parameter named name, or nil.
func queryParam(o *model.Operation, name string) *model.Param {
	for _, p := range o.Params {
		if p.Name == name && p.In == model.InQuery {
			return p
		}
	}
	return nil
}

// successJSON is the result of o's first success (2xx) answer decoded
// from JSON into a struct or an array, or nil.
func successJSON(o *model.Operation) *model.ResponseContent {
	for _, r := range o.Responses {
		if !(r.Range && r.Code == 2) && (r.Range || r.Code < 200 || r.Code > 299) {
			continue
		}
		for _, c := range r.Contents {
			if c.JSON && (c.Type.Kind == model.KindStruct || c.Type.Kind == model.KindArray) {
				return c
			}
		}
	}
	return nil
}

// fieldChain resolves a JSONPath of names ($.meta.cursors.next) from the
// type of src into the fields it goes through.
func fieldChain(src *model.ResponseContent, path string) ([]*model.Field, *model.Type, error) {
	rest, ok := strings.CutPrefix(path, "$")
	if !ok {
		return nil, nil, fmt.Errorf("%q is not a JSONPath from the answer ($.name.name)", path)
	}
	t := src.Type
	var chain []*model.Field
	if rest == "" {
		return nil, t, nil
	}
	if !strings.HasPrefix(rest, ".") {
		return nil, nil, fmt.Errorf("%q: only names are read ($.name.name), not %q", path, rest)
	}
	for _, name := range strings.Split(rest[1:], ".") {
		if name == "" || strings.ContainsAny(name, "[]*?@()") {
			return nil, nil, fmt.Errorf("%q: only names are read ($.name.name), not %q", path, name)
		}
		if t.Kind != model.KindStruct {
			return nil, nil, fmt.Errorf("%q: %s is not read from an object", path, name)
		}
		var f *model.Field
		for _, c := range t.Fields {
			if c.Name == name && c.Kind != model.FieldExtra {
				f = c
				break
			}
		}
		if f == nil {
			return nil, nil, fmt.Errorf("%q: the answer has no property %s there", path, name)
		}
		chain = append(chain, f)
		t = f.Type
	}
	return chain, t, nil
}

// resultsChain is the chain to the items: it must end at an array.
func resultsChain(src *model.ResponseContent, path string) ([]*model.Field, *model.Type, error) {
	chain, t, err := fieldChain(src, path)
	if err != nil {
		return nil, nil, err
	}
	if t.Kind != model.KindArray {
		return nil, nil, fmt.Errorf("%q is not an array", path)
	}
	return chain, t, nil
}

// cursorChain is the chain to the next cursor: it must end at a value
// of the cursor parameter's type (a string or an integer).
func cursorChain(src *model.ResponseContent, path string, cursor *model.Param) ([]*model.Field, error) {
	chain, t, err := fieldChain(src, path)
	if err != nil {
		return nil, err
	}
	if len(chain) == 0 {
		return nil, fmt.Errorf("%q is the whole answer, not a cursor in it", path)
	}
	if (t.Kind != model.KindString && t.Kind != model.KindInt) || t.IsNamed() || cursor.Type.IsNamed() || t.Kind != cursor.Type.Kind {
		return nil, fmt.Errorf("%q is not of the cursor parameter %s's type (a string or an integer)", path, cursor.Name)
	}
	return chain, nil
}
