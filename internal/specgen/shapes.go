package specgen

import "strings"

// Operation shapes beyond a plain request and answer: paginated lists
// (x-speakeasy-pagination, or the Apideck list convention) and server-sent
// events (text/event-stream alone, or beside JSON), as gen reads them
// (internal/parser/pagination.go and events.go; the hand-written
// testdata/shapes/65-pagination.yml and 67-event-streams.yml).

// opShape is the shape of one operation.
type opShape int

const (
	shapePlain  opShape = iota
	shapePaged          // a GET list that pages (an iterator, <Op>Iter)
	shapeEvents         // a 200 text/event-stream answer (a *sse.Stream)
	shapeDual           // a 200 JSON or event-stream answer (a variant, <Op>Stream)
)

// opShape draws the shape of an operation of method. Of all operations,
// about 6% page (30% of GETs), 7% answer events and 7% JSON or events.
func (g *gen) opShape(method string) opShape {
	x := g.r.Float64()
	switch method {
	case "get":
		switch {
		case x < 0.30:
			return shapePaged
		case x < 0.42:
			return shapeEvents
		case x < 0.48:
			return shapeDual
		}
	case "post", "put", "patch":
		switch {
		case x < 0.08:
			return shapeEvents
		case x < 0.18:
			return shapeDual
		}
	}
	return shapePlain
}

// paging is how a paged operation pages: its query parameters, its
// x-speakeasy-pagination (nil for the Apideck convention) and the schema of
// its 200 JSON answer.
type paging struct {
	params   []obj
	ext      obj
	response obj
}

// pageNames name the properties of a page that its extension points at:
// the vocabulary without what a JSONPath of names cannot spell.
var pageNames = func() []string {
	var out []string
	for _, n := range propNames {
		if !strings.ContainsAny(n, ".$[]*?@() ") {
			out = append(out, n)
		}
	}
	return out
}()

// intParam is an integer query parameter (a page input must be one).
func (g *gen) intParam(name string, minimum int) obj {
	s := obj{"type": "integer"}
	if f := pick(g, []string{"", "", "int32", "int64"}); f != "" {
		s["format"] = f
	}
	if g.chance(0.5) {
		s["minimum"] = minimum
	}
	p := obj{"name": name, "in": "query", "schema": s}
	if g.chance(0.15) {
		p["required"] = true
	}
	if g.chance(0.3) {
		p["example"] = minimum + 1
	}
	return p
}

// cursorSchema is the type of a cursor: the parameter and the answer's
// next cursor share it (a string, sometimes nullable, or an integer; never
// an enum or a component, which gen does not page by).
func (g *gen) cursorSchema() obj {
	if g.chance(0.75) {
		s := obj{"type": "string"}
		if g.chance(0.4) {
			s["nullable"] = true
		}
		return s
	}
	return obj{"type": "integer", "format": "int64"}
}

// clone copies a schema of cursorSchema (flat).
func clone(s obj) obj {
	c := obj{}
	for k, v := range s {
		c[k] = v
	}
	return c
}

// pageObject is an object of random properties (without the names of
// exclude) plus those of own, required ones listed in req; never nullable,
// since gen reads pages from an object.
func (g *gen) pageObject(depth int, own obj, req []string) obj {
	exclude := sortedKeys(own)
	s, _ := g.object(depth, exclude)
	delete(s, "nullable")
	props, _ := s["properties"].(obj)
	if props == nil {
		props = obj{}
		s["properties"] = props
	}
	for _, k := range exclude {
		props[k] = own[k]
	}
	if len(req) > 0 {
		old, _ := s["required"].([]any)
		for _, r := range req {
			old = append(old, r)
		}
		s["required"] = old
	}
	return s
}

// paging draws one of: offsetLimit by offset and limit, offsetLimit by
// page (and sometimes limit), cursor (and sometimes limit) with the next
// cursor somewhere in the answer, or the Apideck convention (cursor and
// limit, data and meta.cursors.next, no extension).
func (g *gen) paging() *paging {
	pg := &paging{}
	items := obj{"type": "array", "items": g.bodySchema()}
	// The results: $.data (most often), $.<name>, or $.data.<name>.
	resultsPath := "$.data"
	var own obj
	var req []string
	results := "data"
	if g.chance(0.4) {
		results = pick(g, pageNames)
	}
	nested := g.chance(0.2)
	if nested {
		inner := pick(g, pageNames)
		resultsPath = "$." + results + "." + inner
		var innerReq []string
		if g.chance(0.5) {
			innerReq = []string{inner}
		}
		own = obj{results: g.pageObject(3, obj{inner: items}, innerReq)}
	} else {
		resultsPath = "$." + results
		own = obj{results: items}
	}
	if g.chance(0.5) {
		req = append(req, results)
	}
	input := func(name, in, typ string) obj { return obj{"name": name, "in": in, "type": typ} }
	kind := g.intn(4)
	switch kind {
	case 0: // offset and limit
		offset := pick(g, []string{"offset", "skip", "start"})
		limit := pick(g, []string{"limit", "page_size", "count"})
		pg.params = []obj{g.intParam(offset, 0), g.intParam(limit, 1)}
		pg.ext = obj{
			"type":    "offsetLimit",
			"inputs":  []any{input(offset, "parameters", "offset"), input(limit, "parameters", "limit")},
			"outputs": obj{"results": resultsPath},
		}
	case 1: // page number, sometimes a limit
		page := pick(g, []string{"page", "page_number", "p"})
		pp := g.intParam(page, 1)
		if g.chance(0.5) {
			pp["schema"].(obj)["default"] = 1
		}
		pg.params = []obj{pp}
		inputs := []any{input(page, "parameters", "page")}
		if g.chance(0.5) {
			limit := pick(g, []string{"limit", "per_page"})
			pg.params = append(pg.params, g.intParam(limit, 1))
			inputs = append(inputs, input(limit, "parameters", "limit"))
		}
		pg.ext = obj{"type": "offsetLimit", "inputs": inputs, "outputs": obj{"results": resultsPath}}
	case 2: // cursor: the next one at $.<name>, $.meta.next or $.meta.cursors.next
		cursor := pick(g, []string{"cursor", "after", "starting_after", "page_token"})
		cs := g.cursorSchema()
		pg.params = []obj{{"name": cursor, "in": "query", "schema": clone(cs)}}
		inputs := []any{input(cursor, "parameters", "cursor")}
		if g.chance(0.6) {
			limit := pick(g, []string{"limit", "page_size"})
			pg.params = append(pg.params, g.intParam(limit, 1))
			inputs = append(inputs, input(limit, "parameters", "limit"))
		}
		var nextPath string
		switch g.intn(3) {
		case 0:
			name := pick(g, []string{"next_cursor", "next", "nextPageToken"})
			nextPath = "$." + name
			own[name] = clone(cs)
		case 1:
			nextPath = "$.meta.next"
			own["meta"] = g.pageObject(2, obj{"next": clone(cs)}, nil)
		default:
			nextPath = "$.meta.cursors.next"
			own["meta"] = g.pageObject(2, obj{"cursors": g.pageObject(3, obj{"next": clone(cs)}, nil)}, nil)
		}
		pg.ext = obj{
			"type":    "cursor",
			"inputs":  inputs,
			"outputs": obj{"nextCursor": nextPath, "results": resultsPath},
		}
	default: // the Apideck convention: no extension
		cs := obj{"type": "string"}
		if g.chance(0.5) {
			cs["nullable"] = true
		}
		pg.params = []obj{{"name": "cursor", "in": "query", "schema": clone(cs)}, g.intParam("limit", 1)}
		own = obj{"data": items, "meta": g.pageObject(2, obj{"cursors": g.pageObject(3, obj{"next": clone(cs)}, nil)}, nil)}
		req = nil
		if g.chance(0.5) {
			req = []string{"data"}
		}
	}
	pg.response = g.pageObject(1, own, req)
	return pg
}

// eventMedia is a text/event-stream media type: each event's data is a JSON
// object (a component or inline) or text (a string schema, or none).
func (g *gen) eventMedia() obj {
	switch g.intn(6) {
	case 0, 1:
		var objs []*component
		for _, c := range g.comps {
			if c.kind == kObject || c.kind == kVariant || c.kind == kAllOf || c.kind == kRecursive {
				objs = append(objs, c)
			}
		}
		if len(objs) > 0 {
			return obj{"schema": ref(pick(g, objs).key)}
		}
		fallthrough
	case 2:
		s, _ := g.object(1, nil)
		return obj{"schema": s}
	case 3, 4:
		return obj{"schema": obj{"type": "string"}}
	default:
		return obj{}
	}
}

// streamRequestBody is the JSON body of a JSON-or-events operation: most
// often an object with a boolean property stream (OpenAI's convention,
// which gen's streaming variant sets), else any body (gen then asks for
// the stream by the Accept header alone).
func (g *gen) streamRequestBody() obj {
	if g.chance(0.2) {
		return g.requestBody()
	}
	flag := obj{"type": "boolean"}
	if g.chance(0.5) {
		flag["nullable"] = true
	}
	if g.chance(0.5) {
		flag["default"] = false
	}
	s := g.pageObject(1, obj{"stream": flag}, nil)
	return obj{"required": true, "content": obj{"application/json": obj{"schema": s}}}
}
