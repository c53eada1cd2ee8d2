package parser

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/model"
)

// methodOrder is the order operations of one path are visited in.
var methodOrder = []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}

// lowerOperations walks paths in key order and methods in methodOrder, so
// that inline names are claimed in a stable order.
func (b *builder) lowerOperations() {
	services := map[string]*model.Service{}
	tagDesc := map[string]string{}
	for _, t := range b.doc.Tags {
		if t != nil { // tags: [null] passes kin-openapi's validation
			tagDesc[t.Name] = t.Description
		}
	}
	opNames := model.NewNamer()
	rootNames := b.root
	if b.doc.Paths == nil {
		return
	}
	ids, tags := map[string]bool{}, map[string]bool{}
	defer b.checkFilters(ids, tags)
	global := b.lowerRetries(b.doc.Extensions, b.keyPos(retriesKey), "operations keep the SDK's default policy")
	for _, path := range sortedKeys(b.doc.Paths.Map()) {
		item := b.doc.Paths.Value(path)
		for _, method := range methodOrder {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			ids[op.OperationID] = true
			for _, t := range op.Tags {
				tags[t] = true
			}
			pos := b.keyPos("paths", path, opKey(method))
			if extBool(op.Extensions, "x-speakeasy-ignore") {
				b.api.Ignored = append(b.api.Ignored, model.Diagnostic{Pos: pos,
					Message: method + " " + path + " (" + op.OperationID + ") has x-speakeasy-ignore: true"})
				b.api.Skipped = append(b.api.Skipped, &model.SkippedOperation{ID: op.OperationID, Method: method, Path: path, Reason: "x-speakeasy-ignore", Pos: pos})
				continue
			}
			if why := b.filteredOut(op); why != "" {
				b.api.Ignored = append(b.api.Ignored, model.Diagnostic{Pos: pos,
					Message: method + " " + path + " (" + op.OperationID + ") is " + why})
				b.api.Skipped = append(b.api.Skipped, &model.SkippedOperation{ID: op.OperationID, Method: method, Path: path, Reason: why, Pos: pos})
				continue
			}
			tag := "Default"
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			svc := services[tag]
			if svc == nil {
				svc = &model.Service{Tag: tag, Description: tagDesc[tag], Loc: "#/tags/" + seg(tag)}
				services[tag] = svc
			}
			o := b.lowerOperation(path, method, item, op, opNames)
			b.lowerPagination(o, op, path, method)
			if o.Retries = b.lowerRetries(op.Extensions, b.keyPos("paths", path, opKey(method), retriesKey), "the operation keeps the document's policy, else the SDK's default"); o.Retries == nil {
				o.Retries = global
			}
			svc.Operations = append(svc.Operations, o)
		}
	}
	for _, tag := range sortedKeys(services) {
		svc := services[tag]
		svc.GoName = rootNames.Claim(model.Pascal(tag), svc.Loc, svc.Operations[0].Pos)
		sort.SliceStable(svc.Operations, func(i, j int) bool { return svc.Operations[i].GoName < svc.Operations[j].GoName })
		b.api.Services = append(b.api.Services, svc)
	}
	sort.SliceStable(b.api.Services, func(i, j int) bool { return b.api.Services[i].GoName < b.api.Services[j].GoName })
}

// checkFilters warns of each include or exclude entry of the
// configuration that names no operationId or tag of the spec (a typo, or
// an operation the spec dropped): it filters nothing.
func (b *builder) checkFilters(ids, tags map[string]bool) {
	for _, f := range []struct {
		name string
		f    OperationFilter
	}{{"include", b.opts.Include}, {"exclude", b.opts.Exclude}} {
		for _, e := range f.f.entries() {
			kind, name, _ := strings.Cut(e, " ")
			if (kind == "tag" && tags[name]) || (kind == "operation" && ids[name]) {
				continue
			}
			pos, ok := f.f.Pos[e]
			if !ok {
				pos = model.Pos{File: "gen.yaml"}
			}
			b.warnf("config", pos, "%s entry %s %q matches no %s of the spec: it filters nothing", f.name, kind, name, map[string]string{"tag": "tag", "operation": "operationId"}[kind])
		}
	}
}

func (b *builder) lowerOperation(path, method string, item *openapi3.PathItem, op *openapi3.Operation, opNames *model.Namer) *model.Operation {
	pos := b.keyPos("paths", path, opKey(method))
	b.where = pos
	id := op.OperationID
	if id != "" && id == b.debugPanic {
		// A test hook: the path of an internal error, end to end.
		panic("GEN_DEBUG_PANIC: a deliberate panic lowering " + id)
	}
	base := id
	if base == "" {
		base = strings.ToLower(method) + " " + path
	}
	if o := extString(op.Extensions, "x-speakeasy-name-override"); o != "" && !b.opts.IgnoreNameOverrides {
		base = o
	}
	want := model.Pascal(base)
	if first, taken := b.methods[want]; taken {
		// Suffixing one (GetX2) would make the SDK's method depend on the
		// order of the paths: the spec must say which is which.
		b.errorf(pos, "operation %s becomes the Go method %s, as %s does (at %s): give one of them another operationId or an x-speakeasy-name-override", opLabel(method, path, id), want, first.label, first.pos)
	} else {
		b.methods[want] = opClaim{opLabel(method, path, id), pos}
	}
	goName := opNames.Claim(want, "", pos)
	// A path key with a query ("/responses?beta=true", as some specs write
	// variants of one path) sends that query too.
	urlPath, query, _ := strings.Cut(path, "?")
	o := &model.Operation{
		ID: id, GoName: goName, FileName: model.FileName(goName),
		Method: method, Path: urlPath, Query: query,
		Summary: op.Summary, Description: op.Description, Deprecated: op.Deprecated,
		Pos: pos, Loc: opLoc(path, method),
	}
	h := home{model.PkgOperations, o.FileName, o.Loc}
	o.Request = &model.Type{Kind: model.KindStruct, Pkg: model.PkgOperations, File: o.FileName, Pos: pos, Loc: o.Loc + "#request"}
	o.Request.Name = b.operations.Claim(goName+"Request", o.Request.Loc, pos)
	o.Response = &model.Type{Kind: model.KindStruct, Pkg: model.PkgOperations, File: o.FileName, Pos: pos, Loc: o.Loc + "#response"}
	o.Response.Name = b.operations.Claim(goName+"Response", o.Response.Loc, pos)
	fields := b.naming.Namer(model.MemberScope(o.Request.Loc), false)
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		b.lowerBodies(o, op.RequestBody, h, fields)
	}
	b.lowerParams(o, path, item, op, h, fields)
	b.lowerResponses(o, op, h)
	b.lowerStreamVariant(o, opNames)
	b.lowerOpSecurity(o, op)
	b.api.Types = append(b.api.Types, o.Request, o.Response)
	return o
}

func (b *builder) lowerParams(o *model.Operation, path string, item *openapi3.PathItem, op *openapi3.Operation, h home, fields *model.Namer) {
	type key struct{ name, in string }
	merged := map[key]*openapi3.ParameterRef{}
	// Where each is written: under the path or the operation, by where
	// and name (the list's order is no identity), or at its component.
	locs := map[key]string{}
	var order []key
	for i, list := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		base := "#/paths/" + seg(path)
		if i == 1 {
			base = o.Loc
		}
		for _, pr := range list {
			if pr == nil || pr.Value == nil {
				continue
			}
			k := key{pr.Value.Name, pr.Value.In}
			if _, ok := merged[k]; !ok {
				order = append(order, k)
			}
			merged[k] = pr
			locs[k] = base + "/parameters/" + seg(k.in) + "/" + seg(k.name)
			if pr.Ref != "" {
				locs[k] = refLoc(base, pr.Ref)
			}
		}
	}
	for _, k := range order {
		p := merged[k].Value
		pos := b.pos(b.at(p, p.Origin))
		mp := &model.Param{
			Name: p.Name, In: model.ParamIn(p.In), Required: p.Required || p.In == "path",
			Description: p.Description, Pos: pos, Loc: "param:" + p.In + "/" + p.Name,
		}
		mp.Wire = b.paramWire(p)
		schema := p.Schema
		schemaLoc := locs[k] + "/schema"
		if schema == nil {
			for _, ct := range sortedKeys(p.Content) {
				if mt := p.Content[ct]; mt != nil {
					schema, schemaLoc = mt.Schema, mediaLoc(locs[k], ct)
					break
				}
			}
		}
		goName := model.Pascal(p.Name)
		if o := extString(p.Extensions, "x-speakeasy-name-override"); o != "" && !b.opts.IgnoreNameOverrides {
			goName = model.Pascal(o)
		}
		mp.GoName = fields.Claim(goName, mp.Loc, pos)
		mp.Type = b.inputOf(b.typeOf(schema, o.GoName+mp.GoName, h, schemaLoc))
		var ps *openapi3.Schema
		if schema != nil {
			ps = schema.Value
		}
		po := b.at(p, p.Origin)
		mp.Example = b.checkedValue(ps, po, "example", p.Example)
		if mp.Example == nil {
			for _, name := range sortedKeys(p.Examples) {
				if ex := p.Examples[name]; ex != nil && ex.Value != nil {
					mp.Example = b.checkedValue(ps, po, "examples", ex.Value.Value)
					break
				}
			}
		}
		o.Params = append(o.Params, mp)
	}
	sort.SliceStable(o.Params, func(i, j int) bool { return o.Params[i].GoName < o.Params[j].GoName })
}

// paramWire decides how a parameter travels, with the OpenAPI defaults
// filled in: style form for query and cookie, simple for path and header;
// explode true for form only. A style its location does not allow is an
// error at the parameter.
func (b *builder) paramWire(p *openapi3.Parameter) model.Wire {
	w := model.Wire{AllowReserved: p.AllowReserved}
	if len(p.Content) > 0 {
		// A content parameter is one string in its location: the value
		// encoded in the media type (JSON; others are sent as JSON too).
		w.ContentType = sortedKeys(p.Content)[0]
		w.Style = model.StyleSimple
		if p.In == "query" || p.In == "cookie" {
			w.Style = model.StyleForm
		}
		return w
	}
	name := p.Style
	if name == "" {
		switch p.In {
		case "query", "cookie":
			name = "form"
		default:
			name = "simple"
		}
	}
	style, ok := model.ParseStyle(name)
	allowed := map[string][]model.Style{
		"path":   {model.StyleSimple, model.StyleLabel, model.StyleMatrix},
		"query":  {model.StyleForm, model.StyleSpaceDelimited, model.StylePipeDelimited, model.StyleDeepObject},
		"header": {model.StyleSimple},
		"cookie": {model.StyleForm},
	}[p.In]
	if !ok || !slices.Contains(allowed, style) {
		b.errorf(b.fieldPos(b.at(p, p.Origin), "style"), "parameter %q in %s: style %q is not allowed there", p.Name, p.In, name)
	}
	w.Style = style
	w.Explode = style == model.StyleForm
	if p.Explode != nil {
		w.Explode = *p.Explode
	}
	return w
}

// mediaRank orders a body's media types: JSON first, then forms, then the rest.
func mediaRank(ct string) int {
	switch {
	case isJSON(ct):
		return 0
	case ct == "application/x-www-form-urlencoded":
		return 1
	case ct == "multipart/form-data":
		return 2
	}
	return 3
}

func isJSON(ct string) bool {
	ct, _, _ = strings.Cut(strings.ToLower(ct), ";")
	ct = strings.TrimSpace(ct)
	return ct == "application/json" || strings.HasSuffix(ct, "+json") || ct == "*/*"
}

// lowerBodies lowers the request body: the first media type of each
// encoding (JSON, then urlencoded form, multipart, raw bytes) is a field of
// the request struct. The first is the default (o.Body); the others
// (o.OtherBodies) are the caller's choice. A further media type of an
// encoding already offered is not, with a warning naming it.
func (b *builder) lowerBodies(o *model.Operation, ref *openapi3.RequestBodyRef, h home, fields *model.Namer) {
	rb := ref.Value
	offered := map[model.BodyEncoding]string{}
	var skipped []string
	cts := rankedMedia(rb.Content)
	// application/json itself is the JSON body, before any +json type.
	sort.SliceStable(cts, func(i, j int) bool { return cts[i] == "application/json" && cts[j] != "application/json" })
	for _, ct := range cts {
		enc := bodyEncoding(ct)
		if first, ok := offered[enc]; ok {
			skipped = append(skipped, fmt.Sprintf("%s (sent as %s is)", ct, first))
			continue
		}
		body := b.lowerBody(o, ref, ct, h, fields, o.Body == nil)
		if body == nil {
			continue
		}
		offered[enc] = ct
		if o.Body == nil {
			o.Body = body
		} else {
			o.OtherBodies = append(o.OtherBodies, body)
		}
	}
	if len(skipped) > 0 {
		b.warnf("media-type", b.pos(b.at(rb, rb.Origin)), "request body %s not offered: the SDK offers one media type per encoding", strings.Join(skipped, ", "))
	}
}

// bodyEncoding is how a body of media type ct is sent.
func bodyEncoding(ct string) model.BodyEncoding {
	switch mediaRank(ct) {
	case 0:
		return model.BodyJSON
	case 1:
		return model.BodyForm
	case 2:
		return model.BodyMultipart
	}
	return model.BodyBytes
}

// encodingSuffix names a body field of another media type than the
// default's when it is no component of its own ("PetForm").
var encodingSuffix = map[model.BodyEncoding]string{model.BodyForm: "Form", model.BodyMultipart: "Multipart", model.BodyBytes: "Raw"}

// lowerBody lowers the body of media type ct. The first (primary) body
// that cannot be encoded as its media type says is sent as raw bytes, with
// a warning; another is not offered (nil), with a warning.
func (b *builder) lowerBody(o *model.Operation, ref *openapi3.RequestBodyRef, ct string, h home, fields *model.Namer, primary bool) *model.RequestBody {
	rb := ref.Value
	mt := rb.Content[ct]
	body := &model.RequestBody{ContentType: ct, Required: rb.Required, Description: rb.Description, Pos: b.pos(b.at(rb, rb.Origin)), Encoding: bodyEncoding(ct)}
	if mt.Schema != nil && mt.Schema.Value != nil && mt.Schema.Value.Type.Is("string") && mt.Schema.Value.Format == "binary" {
		// A binary string is the body's bytes, whatever the media type
		// (*/* included): never JSON text.
		body.Encoding = model.BodyBytes
	}
	if body.Encoding == model.BodyBytes || mt.Schema == nil {
		body.Encoding = model.BodyBytes
		body.Type = &model.Type{Kind: model.KindBytes}
	} else {
		loc := o.Loc + "/requestBody"
		if ref.Ref != "" {
			loc = refLoc(o.Loc, ref.Ref)
		}
		body.Type = b.inputOf(b.typeOf(mt.Schema, o.GoName+"RequestBody", h, mediaLoc(loc, ct)))
		var why string
		switch body.Encoding {
		case model.BodyForm:
			why = b.formWire(body, mt)
		case model.BodyMultipart:
			why = b.multipartBody(body, mt)
		}
		if why != "" {
			if !primary {
				b.warnf("form-body", body.Pos, "request body %s is not offered: %s", ct, why)
				return nil
			}
			b.warnf("form-body", body.Pos, "request body %s is sent as raw bytes: %s", ct, why)
			body.Encoding, body.Type = model.BodyBytes, &model.Type{Kind: model.KindBytes}
		}
	}
	body.WireType = ct
	if strings.Contains(ct, "*") {
		body.WireType = "application/octet-stream"
	}
	if body.Description == "" && mt.Schema != nil && mt.Schema.Value != nil {
		body.Description = mt.Schema.Value.Description
	}
	name := "RequestBody"
	if body.Type.IsNamed() {
		name = body.Type.Name
	}
	body.Loc = "body"
	if !primary {
		// The default body's field keeps its name as media types are
		// added; another is named after its component, else the default's
		// name and its encoding.
		body.Loc = "body/" + seg(ct)
		if o.Body.Type == body.Type || body.Type.SchemaName == "" {
			name = o.Body.GoName + encodingSuffix[body.Encoding]
		}
	}
	body.GoName = fields.Claim(name, body.Loc, body.Pos)
	body.Example = b.mediaExample(mt)
	if ex, ok := schemaExample(mt).(string); ok && body.Example == nil && body.Encoding == model.BodyBytes {
		body.Example = &model.Value{Kind: model.ValString, String: ex}
	}
	return body
}

// schemaExample is the example of mt's schema, if any.
func schemaExample(mt *openapi3.MediaType) any {
	if mt.Schema == nil || mt.Schema.Value == nil {
		return nil
	}
	return mt.Schema.Value.Example
}

// formWire decides how each property of a urlencoded body travels (the
// media type's encoding; form, exploded, by default). A body that is not
// an object of properties cannot be: the reason is returned.
func (b *builder) formWire(body *model.RequestBody, mt *openapi3.MediaType) string {
	t := body.Type
	if t.Kind != model.KindStruct {
		return "it is not an object of properties"
	}
	body.FormWire = map[string]model.Wire{}
	for _, f := range t.Fields {
		if f.Kind == model.FieldExtra {
			// The properties the schema does not declare: each its own
			// key, as an exploded form object lays them out.
			body.FormWire[""] = model.Wire{Style: model.StyleForm, Explode: true}
		}
		if f.Kind != model.FieldProperty {
			continue
		}
		w := model.Wire{Style: model.StyleForm, Explode: true}
		if enc := mt.Encoding[f.Name]; enc != nil {
			if enc.Style != "" {
				style, ok := model.ParseStyle(enc.Style)
				if !ok || !slices.Contains([]model.Style{model.StyleForm, model.StyleSpaceDelimited, model.StylePipeDelimited, model.StyleDeepObject}, style) {
					b.errorf(b.pos(b.at(enc, enc.Origin)), "encoding of %q: style %q is not allowed in a form body", f.Name, enc.Style)
					continue
				}
				w.Style = style
				w.Explode = style == model.StyleForm
			}
			if enc.Explode != nil {
				w.Explode = *enc.Explode
			}
			w.AllowReserved = enc.AllowReserved
		}
		body.FormWire[f.Name] = w
	}
	return ""
}

// mediaExample is a media type's own example: example, else the first of examples.
func (b *builder) mediaExample(mt *openapi3.MediaType) *model.Value {
	if mt == nil {
		return nil
	}
	var s *openapi3.Schema
	if mt.Schema != nil {
		s = mt.Schema.Value
	}
	o := b.at(mt, mt.Origin)
	if mt.Example != nil {
		return b.checkedValue(s, o, "example", mt.Example)
	}
	for _, name := range sortedKeys(mt.Examples) {
		if ex := mt.Examples[name]; ex != nil && ex.Value != nil {
			return b.checkedValue(s, o, "examples", ex.Value.Value)
		}
	}
	return nil
}

// statusOrder sorts status keys: numbers, then ranges (2XX), then default.
func statusOrder(s string) (int, int) {
	if s == "default" {
		return 2, 0
	}
	if n, err := strconv.Atoi(s); err == nil {
		return 0, n
	}
	if len(s) == 3 && (s[1] == 'X' || s[1] == 'x') {
		return 1, int(s[0] - '0')
	}
	return 3, 0
}

func (b *builder) lowerResponses(o *model.Operation, op *openapi3.Operation, h home) {
	if op.Responses == nil {
		return
	}
	statuses := op.Responses.Keys()
	sort.SliceStable(statuses, func(i, j int) bool {
		ai, an := statusOrder(statuses[i])
		bi, bn := statusOrder(statuses[j])
		if ai != bi {
			return ai < bi
		}
		return an < bn
	})
	fields := b.naming.Namer(model.MemberScope(o.Response.Loc), false, "StatusCode", "ContentType", "ContentLength", "RawResponse", "Location")
	byType := map[*model.Type]*model.ResponseContent{}
	accept := map[string]bool{}
	var acceptOrder []string
	for _, st := range statuses {
		rr := op.Responses.Value(st)
		if rr == nil || rr.Value == nil {
			continue
		}
		r := rr.Value
		res := &model.Response{Status: st, Pos: b.pos(b.at(r, r.Origin))}
		loc := o.Loc + "/responses/" + seg(st)
		if rr.Ref != "" {
			loc = refLoc(o.Loc, rr.Ref)
		}
		if r.Description != nil {
			res.Description = *r.Description
		}
		kind, n := statusOrder(st)
		res.Code, res.Range = n, kind == 1
		if (kind == 0 && n >= 300 && n < 400) || (kind == 1 && n == 3) {
			o.Redirect = true
		}
		cts := rankedMedia(r.Content)
		for _, ct := range cts {
			mt := r.Content[ct]
			if !accept[ct] {
				accept[ct] = true
				acceptOrder = append(acceptOrder, ct)
			}
			var t *model.Type
			switch {
			case isJSON(ct) && mt.Schema != nil:
				t = b.typeOf(mt.Schema, o.GoName+st+model.Pascal(ct), h, mediaLoc(loc, ct))
			case isEventStream(ct):
				t = b.eventStream(mt, o.GoName+st+"Event", h, mediaLoc(loc, ct))
			case strings.HasPrefix(ct, "text/"):
				t = &model.Type{Kind: model.KindString}
			default:
				// A download: handed to the caller to stream.
				t = &model.Type{Kind: model.KindStream}
			}
			rc := &model.ResponseContent{ContentType: ct, Type: t, Example: b.mediaExample(mt), JSON: isJSON(ct) && mt.Schema != nil}
			if prev, ok := byType[t]; ok && t.IsNamed() {
				rc.FieldName = prev.FieldName
			} else {
				want := o.GoName + st + model.Pascal(ct)
				if t.IsNamed() {
					want = t.Name
				}
				if t.Kind == model.KindEventStream {
					want = "Events"
				}
				rc.Loc = "result:" + st + "/" + ct
				rc.FieldName = fields.Claim(want, rc.Loc, res.Pos)
				rc.Description = res.Description
				byType[t] = rc
				o.Results = append(o.Results, rc)
			}
			res.Contents = append(res.Contents, rc)
		}
		o.Responses = append(o.Responses, res)
	}
	sort.SliceStable(o.Results, func(i, j int) bool { return o.Results[i].FieldName < o.Results[j].FieldName })
	o.Accept = strings.Join(acceptOrder, ", ")
}

// lowerWebhooks lowers the webhooks (OpenAPI 3.1): the payload of each is
// a type of shared, named after the webhook (OrderShippedPayload) unless it
// is a component.
func (b *builder) lowerWebhooks() {
	for _, name := range sortedKeys(b.doc.Webhooks) {
		item := b.doc.Webhooks[name]
		if item == nil {
			continue
		}
		for _, m := range methodOrder {
			op := item.GetOperation(m)
			if op == nil {
				continue
			}
			w := &model.Webhook{Name: name, Method: m, Summary: op.Summary, Pos: b.keyPos("webhooks", name, opKey(m)),
				Loc: "#/webhooks/" + seg(name) + "/" + opKey(m)}
			if w.Summary == "" {
				w.Summary = op.Description
			}
			if rb := op.RequestBody; rb != nil && rb.Value != nil && len(rb.Value.Content) > 0 {
				cts := rankedMedia(rb.Value.Content)
				w.ContentType = cts[0]
				loc := w.Loc + "/requestBody"
				if rb.Ref != "" {
					loc = refLoc(loc, rb.Ref)
				}
				if mt := rb.Value.Content[cts[0]]; mt != nil && mt.Schema != nil {
					w.Payload = b.typeOf(mt.Schema, model.Pascal(name)+"Payload", home{model.PkgShared, "", w.Loc}, mediaLoc(loc, cts[0]))
				}
			}
			b.api.Webhooks = append(b.api.Webhooks, w)
		}
	}
}

// opClaim is the operation that first claimed a Go method name.
type opClaim struct {
	label string
	pos   model.Pos
}

func opLabel(method, path, id string) string {
	if id != "" {
		return id
	}
	return method + " " + path
}

// filteredOut says why the configuration leaves op out ("" when it does
// not): excluded by a tag or its operationId, or not among those included.
func (b *builder) filteredOut(op *openapi3.Operation) string {
	if m := b.opts.Exclude.match(op.OperationID, op.Tags); m != "" {
		return "excluded (" + m + ")"
	}
	if !b.opts.Include.empty() && b.opts.Include.match(op.OperationID, op.Tags) == "" {
		return "not included (no include entry names it)"
	}
	return ""
}

// rankedMedia lists the media types of c, the one gen uses first (JSON,
// then forms, then the rest; by name within a rank).
func rankedMedia(c openapi3.Content) []string {
	cts := sortedKeys(c)
	sort.SliceStable(cts, func(i, j int) bool { return mediaRank(cts[i]) < mediaRank(cts[j]) })
	return cts
}
