// Package diff compares the models of two versions of a spec as an SDK user
// sees them: the services, methods, request and response fields, types and
// enum constants that appear, go or change, each marked breaking or not,
// and the SemVer bump the whole implies (gen diff).
//
// Every judgement is made on the model, in the terms the SDK spells it:
// a field's Go type is model.GoTypeAt of its type and presence, so a
// parameter turned from required to optional is breaking exactly when its
// Go type changes (string to *string), and a newly required body field is
// breaking only where callers build the value (a request input) and not
// where the SDK decodes it (a response).
package diff

import (
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/oasgo/gen/internal/model"
)

// Bump is a SemVer verdict.
type Bump string

const (
	BumpNone  Bump = "none"  // nothing an SDK user sees changed
	BumpPatch Bump = "patch" // behaviour only: a path, a server URL, a media type
	BumpMinor Bump = "minor" // additions only
	BumpMajor Bump = "major" // something breaks a caller
)

// Level is how much a change asks of a version: the bump it implies alone.
type Level int

const (
	LevelPatch Level = iota
	LevelMinor
	LevelMajor
)

func (l Level) bump() Bump {
	switch l {
	case LevelMajor:
		return BumpMajor
	case LevelMinor:
		return BumpMinor
	}
	return BumpPatch
}

// Change is one difference an SDK user sees.
type Change struct {
	// Kind names the change ("operation-removed", "field-retyped", ...).
	Kind string `json:"kind"`
	// Subject is the Go name of what changed, as a caller writes it:
	// "Sessions.SessionsCreate", "shared.Consumer.Metadata",
	// "operations.ConnectionsAllRequest.ConsumerID".
	Subject string `json:"subject"`
	// Breaking: code or calls written against the old SDK fail (to
	// compile, or at run time) against the new one.
	Breaking bool `json:"breaking"`
	// Message says what changed and, for a breaking change, why it breaks.
	Message string `json:"message"`
	Old     string `json:"old,omitempty"` // the old Go type, name or value, when one changed
	New     string `json:"new,omitempty"`
	// Pos is where the spec says it: the new spec, or the old one for
	// what the new one no longer has.
	Pos string `json:"pos,omitempty"`
	// Type is the enum type of an enum value's change.
	Type  string `json:"type,omitempty"`
	value string // the enum value
	level Level
}

// Report is the comparison of two specs.
type Report struct {
	Old     Side     `json:"old"`
	New     Side     `json:"new"`
	Changes []Change `json:"changes"`
	// Breaking counts the breaking changes.
	Breaking int `json:"breaking"`
	// Bump is the SemVer bump the changes imply.
	Bump Bump `json:"bump"`
	// Go is the comparison of the two generated SDKs' Go API (gen diff -go).
	Go *GoReport `json:"go,omitempty"`
}

// Side names one spec of the comparison.
type Side struct {
	Spec    string `json:"spec"`
	Title   string `json:"title"`
	Version string `json:"version"`
}

// Compare reports what changes, for an SDK user, from old to new.
func Compare(oldSpec string, old *model.API, newSpec string, new *model.API) *Report {
	c := &comparer{old: index(old), new: index(new)}
	c.matchTypes()
	c.services()
	c.operations()
	c.types()
	c.servers(old, new)
	r := &Report{
		Old:     Side{Spec: oldSpec, Title: old.Title, Version: old.Version},
		New:     Side{Spec: newSpec, Title: new.Title, Version: new.Version},
		Changes: c.changes,
		Bump:    BumpNone,
	}
	sort.SliceStable(r.Changes, func(i, j int) bool {
		a, b := r.Changes[i], r.Changes[j]
		if a.Breaking != b.Breaking {
			return a.Breaking
		}
		if sa, sb := section(a.Kind), section(b.Kind); sa != sb {
			return sa < sb
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		return a.Kind < b.Kind
	})
	level := Level(-1)
	for _, ch := range r.Changes {
		if ch.Breaking {
			r.Breaking++
		}
		level = max(level, ch.level)
	}
	if level >= 0 {
		r.Bump = level.bump()
	}
	return r
}

// sections order the changes of a report.
var sections = []string{"service", "operation", "parameter", "body", "result", "type", "field", "enum", "variant", "server"}

func section(kind string) int {
	for i, s := range sections {
		if strings.HasPrefix(kind, s+"-") {
			return i
		}
	}
	return len(sections)
}

// Section is the heading a change is listed under.
func Section(kind string) string {
	if i := section(kind); i < len(sections) {
		return sections[i]
	}
	return "other"
}

// view is what a comparison reads of one model.
type view struct {
	api      *model.API
	ops      map[string]*opView // by operation key (operationId, else "METHOD path")
	skipped  map[string]*model.SkippedOperation
	services map[string]*model.Service // by Go name
	types    map[string]*model.Type    // named types by "pkg.Name", without the per-operation structs
	// input and output: the named types callers build (parameters and
	// bodies reach them) and those the SDK decodes (results reach them).
	input, output map[*model.Type]bool
}

type opView struct {
	op  *model.Operation
	svc *model.Service
}

func opKey(id, method, path string) string {
	if id != "" {
		return id
	}
	return method + " " + path
}

func index(api *model.API) *view {
	v := &view{api: api, ops: map[string]*opView{}, skipped: map[string]*model.SkippedOperation{},
		services: map[string]*model.Service{}, types: map[string]*model.Type{},
		input: map[*model.Type]bool{}, output: map[*model.Type]bool{}}
	perOp := map[*model.Type]bool{}
	for _, s := range api.Services {
		v.services[s.GoName] = s
		for _, o := range s.Operations {
			v.ops[opKey(o.ID, o.Method, o.Path)] = &opView{o, s}
			perOp[o.Request], perOp[o.Response], perOp[o.Security] = true, true, true
			for _, p := range o.Params {
				model.Reach(p.Type, v.input)
			}
			if o.Body != nil {
				model.Reach(o.Body.Type, v.input)
			}
			for _, b := range o.OtherBodies {
				model.Reach(b.Type, v.input)
			}
			for _, r := range o.Results {
				model.Reach(r.Type, v.output)
			}
		}
	}
	for _, s := range api.Skipped {
		v.skipped[opKey(s.ID, s.Method, s.Path)] = s
	}
	for _, t := range api.Types {
		if t.IsNamed() && !perOp[t] {
			v.types[t.Pkg+"."+t.Name] = t
		}
	}
	return v
}

type comparer struct {
	old, new *view
	changes  []Change
	renamed  map[string]string // type renames, old "pkg.Name" -> new
	pairs    map[string]string // every old type's counterpart, old key -> new key
}

func (c *comparer) add(ch Change, level Level) {
	ch.level = level
	c.changes = append(c.changes, ch)
}

func (c *comparer) breaking(kind, subject string, pos model.Pos, msg string) {
	c.add(Change{Kind: kind, Subject: subject, Breaking: true, Message: msg, Pos: pos.String()}, LevelMajor)
}

func (c *comparer) addition(kind, subject string, pos model.Pos, msg string) {
	c.add(Change{Kind: kind, Subject: subject, Message: msg, Pos: pos.String()}, LevelMinor)
}

func (c *comparer) patch(kind, subject string, pos model.Pos, msg string) {
	c.add(Change{Kind: kind, Subject: subject, Message: msg, Pos: pos.String()}, LevelPatch)
}

func (c *comparer) retyped(kind, subject string, pos model.Pos, msg, old, new string) {
	c.add(Change{Kind: kind, Subject: subject, Breaking: true, Message: msg, Old: old, New: new, Pos: pos.String()}, LevelMajor)
}

// services: a service (s.Name) appears when its first operation does, and
// goes with its last.
func (c *comparer) services() {
	for _, name := range sortedKeys(c.old.services) {
		if _, ok := c.new.services[name]; !ok {
			c.breaking("service-removed", "SDK."+name, model.Pos{}, "service removed: the SDK no longer has the field "+name+" (none of its operations is left)")
		}
	}
	for _, name := range sortedKeys(c.new.services) {
		if _, ok := c.old.services[name]; !ok {
			c.addition("service-added", "SDK."+name, model.Pos{}, "service added (tag "+quote(c.new.services[name].Tag)+")")
		}
	}
}

func (c *comparer) operations() {
	for _, k := range sortedKeys(c.old.ops) {
		o := c.old.ops[k]
		subject := o.svc.GoName + "." + o.op.GoName
		if n, ok := c.new.ops[k]; ok {
			c.operation(subject, o, n)
			continue
		}
		if s, ok := c.new.skipped[k]; ok {
			c.breaking("operation-removed", subject, s.Pos, "removed from the SDK: the new spec marks "+opName(o.op)+" "+reason(s.Reason))
			continue
		}
		c.breaking("operation-removed", subject, o.op.Pos, "removed: the new spec has no operation "+opName(o.op))
	}
	for _, k := range sortedKeys(c.new.ops) {
		n := c.new.ops[k]
		if _, ok := c.old.ops[k]; ok {
			continue
		}
		subject := n.svc.GoName + "." + n.op.GoName
		if s, ok := c.old.skipped[k]; ok {
			c.addition("operation-added", subject, n.op.Pos, "added: "+opName(n.op)+" is no longer left out ("+reason(s.Reason)+" in the old spec)")
			continue
		}
		c.addition("operation-added", subject, n.op.Pos, "added ("+n.op.Method+" "+n.op.Path+")")
	}
	for _, k := range sortedKeys(c.new.skipped) {
		s := c.new.skipped[k]
		if _, ok := c.old.ops[k]; ok {
			continue // reported as removed
		}
		if _, ok := c.old.skipped[k]; ok {
			continue
		}
		name := k
		c.patch("operation-skipped", name, s.Pos, "added to the spec but not to the SDK: "+reason(s.Reason)+" ("+s.Method+" "+s.Path+")")
	}
}

func opName(o *model.Operation) string {
	if o.ID != "" {
		return o.ID
	}
	return o.Method + " " + o.Path
}

func (c *comparer) operation(subject string, o, n *opView) {
	if o.svc.GoName != n.svc.GoName || o.op.GoName != n.op.GoName {
		c.retyped("operation-renamed", subject, n.op.Pos, "the method moved or was renamed: now "+n.svc.GoName+"."+n.op.GoName, subject, n.svc.GoName+"."+n.op.GoName)
		subject = n.svc.GoName + "." + n.op.GoName
	}
	if o.op.Method != n.op.Method || o.op.Path != n.op.Path || o.op.Query != n.op.Query {
		c.patch("operation-path", subject, n.op.Pos, "now sent as "+n.op.Method+" "+n.op.Path+withQuery(n.op.Query)+" (was "+o.op.Method+" "+o.op.Path+withQuery(o.op.Query)+")")
	}
	if !o.op.Deprecated && n.op.Deprecated {
		c.patch("operation-deprecated", subject, n.op.Pos, "deprecated")
	}
	c.iterator(o, n)
	c.params(subject, o.op, n.op)
	c.body(subject, o.op, n.op)
	c.results(subject, o.op, n.op)
	c.security(subject, o.op, n.op)
}

// iterator compares the operation's pagination iterator (<Op>Iter).
func (c *comparer) iterator(o, n *opView) {
	op, np := o.op.Pagination, n.op.Pagination
	switch {
	case op == nil && np != nil:
		c.addition("operation-iterator-added", n.svc.GoName+"."+np.Method, np.Pos, "iterator added: pages are read with "+quote(np.Method)+" ("+string(np.Kind)+" pagination)")
	case op != nil && np == nil:
		c.breaking("operation-iterator-removed", o.svc.GoName+"."+op.Method, n.op.Pos, "iterator removed: the new spec no longer describes the operation's pagination")
	case op != nil && op.Method != np.Method:
		c.retyped("operation-iterator-renamed", o.svc.GoName+"."+op.Method, np.Pos, "iterator renamed", op.Method, np.Method)
	}
	ost, nst := o.op.Stream, n.op.Stream
	switch {
	case ost == nil && nst != nil:
		c.addition("operation-stream-added", n.svc.GoName+"."+nst.GoName, n.op.Pos, "streaming variant added: the event stream is read with "+quote(nst.GoName))
	case ost != nil && nst == nil:
		c.breaking("operation-stream-removed", o.svc.GoName+"."+ost.GoName, n.op.Pos, "streaming variant removed: the new spec no longer answers this operation with an event stream beside its other media type")
	case ost != nil && ost.GoName != nst.GoName:
		c.retyped("operation-stream-renamed", o.svc.GoName+"."+ost.GoName, n.op.Pos, "streaming variant renamed", ost.GoName, nst.GoName)
	}
}

func withQuery(q string) string {
	if q == "" {
		return ""
	}
	return "?" + q
}

// params compares the request struct's parameter fields, matched by where
// they travel and their wire name (a component renamed behind a $ref is no
// change).
func (c *comparer) params(subject string, o, n *model.Operation) {
	key := func(p *model.Param) string { return string(p.In) + " " + p.Name }
	olds := map[string]*model.Param{}
	for _, p := range o.Params {
		olds[key(p)] = p
	}
	req := "operations." + n.Request.Name
	seen := map[string]bool{}
	for _, p := range n.Params {
		seen[key(p)] = true
		field := req + "." + p.GoName
		desc := string(p.In) + " parameter " + quote(p.Name)
		op, ok := olds[key(p)]
		if !ok {
			if p.Required {
				c.breaking("parameter-added", field, p.Pos, "new required "+desc+": calls without it are refused (a Go field addition that compiles, but breaks callers at run time)")
			} else {
				c.addition("parameter-added", field, p.Pos, "new optional "+desc)
			}
			continue
		}
		if op.GoName != p.GoName {
			c.retyped("parameter-renamed", req+"."+op.GoName, p.Pos, desc+": Go field renamed", op.GoName, p.GoName)
		}
		ot, nt := spell(model.GoTypeAt(op.Type, op.Presence)), spell(model.GoTypeAt(p.Type, p.Presence))
		switch {
		case !c.sameType(ot, nt):
			why := ""
			if op.Required != p.Required {
				why = " (" + requiredWord(op.Required) + " -> " + requiredWord(p.Required) + ")"
			}
			c.retyped("parameter-retyped", field, p.Pos, desc+" changed type"+why, ot, nt)
		case !op.Required && p.Required:
			c.breaking("parameter-required", field, p.Pos, desc+" is now required: calls without it are refused")
		case op.Required && !p.Required:
			c.addition("parameter-optional", field, p.Pos, desc+" is now optional")
		}
	}
	for _, p := range o.Params {
		if !seen[key(p)] {
			c.breaking("parameter-removed", "operations."+o.Request.Name+"."+p.GoName, o.Pos, string(p.In)+" parameter "+quote(p.Name)+" removed")
		}
	}
}

func requiredWord(r bool) string {
	if r {
		return "required"
	}
	return "optional"
}

func (c *comparer) body(subject string, o, n *model.Operation) {
	switch ob, nb := o.Body, n.Body; {
	case ob == nil && nb == nil:
	case ob == nil:
		field := "operations." + n.Request.Name + "." + nb.GoName
		if nb.Required {
			c.breaking("body-added", field, nb.Pos, "new required request body "+quote(spell(model.GoTypeAt(nb.Type, nb.Presence))))
		} else {
			c.addition("body-added", field, nb.Pos, "new optional request body "+quote(spell(model.GoTypeAt(nb.Type, nb.Presence))))
		}
	case nb == nil:
		c.breaking("body-removed", "operations."+o.Request.Name+"."+ob.GoName, n.Pos, "request body removed")
	default:
		field := "operations." + n.Request.Name + "." + nb.GoName
		ot, nt := spell(model.GoTypeAt(ob.Type, ob.Presence)), spell(model.GoTypeAt(nb.Type, nb.Presence))
		switch {
		case ob.GoName != nb.GoName || !c.sameType(ot, nt):
			c.retyped("body-retyped", field, nb.Pos, "request body changed", ob.GoName+" "+ot, nb.GoName+" "+nt)
		case !ob.Required && nb.Required:
			c.breaking("body-required", field, nb.Pos, "request body is now required")
		case ob.Required && !nb.Required:
			c.addition("body-optional", field, nb.Pos, "request body is now optional")
		}
		if ob.WireType != nb.WireType {
			c.patch("body-media-type", field, nb.Pos, "request body now sent as "+nb.WireType+" (was "+ob.WireType+")")
		}
	}
	c.otherBodies(o, n)
}

// otherBodies compares the request's other media types (a choice of
// bodies), by media type.
func (c *comparer) otherBodies(o, n *model.Operation) {
	olds := map[string]*model.RequestBody{}
	for _, b := range o.OtherBodies {
		olds[b.ContentType] = b
	}
	for _, nb := range n.OtherBodies {
		field := "operations." + n.Request.Name + "." + nb.GoName
		ob := olds[nb.ContentType]
		delete(olds, nb.ContentType)
		nt := spell(model.GoTypeAt(nb.Type, nb.Presence))
		if ob == nil {
			c.addition("body-choice-added", field, nb.Pos, "the request body may now be sent as "+nb.ContentType+": "+quote(nt))
			continue
		}
		if ot := spell(model.GoTypeAt(ob.Type, ob.Presence)); ob.GoName != nb.GoName || !c.sameType(ot, nt) {
			c.retyped("body-retyped", field, nb.Pos, "request body as "+nb.ContentType+" changed", ob.GoName+" "+ot, nb.GoName+" "+nt)
		}
	}
	for _, ct := range slices.Sorted(maps.Keys(olds)) {
		ob := olds[ct]
		c.breaking("body-choice-removed", "operations."+o.Request.Name+"."+ob.GoName, n.Pos, "the request body can no longer be sent as "+ct)
	}
}

// results compares the response struct's body fields, by field name, and
// else by media type (a body whose schema changed gets another field).
func (c *comparer) results(subject string, o, n *model.Operation) {
	olds := map[string]*model.ResponseContent{}
	for _, r := range o.Results {
		olds[r.FieldName] = r
	}
	news := map[string]bool{}
	for _, r := range n.Results {
		news[r.FieldName] = true
	}
	byMedia := map[string][]*model.ResponseContent{}
	for _, r := range o.Results {
		if !news[r.FieldName] {
			byMedia[r.ContentType] = append(byMedia[r.ContentType], r)
		}
	}
	resp := "operations." + n.Response.Name
	seen := map[string]bool{}
	for _, r := range n.Results {
		nt := spell(model.GoTypeAt(r.Type, r.Presence))
		or, ok := olds[r.FieldName]
		if !ok {
			if cands := byMedia[r.ContentType]; len(cands) == 1 {
				or, ok = cands[0], true
				delete(byMedia, r.ContentType)
			}
		}
		if !ok {
			c.addition("result-added", resp+"."+r.FieldName, n.Pos, "new response body "+quote(nt)+" ("+r.ContentType+")")
			continue
		}
		seen[or.FieldName] = true
		ot := spell(model.GoTypeAt(or.Type, or.Presence))
		if or.FieldName != r.FieldName || !c.sameType(ot, nt) {
			c.retyped("result-retyped", resp+"."+r.FieldName, n.Pos, "response body ("+r.ContentType+") changed", or.FieldName+" "+ot, r.FieldName+" "+nt)
		}
	}
	for _, r := range o.Results {
		if !seen[r.FieldName] {
			c.breaking("result-removed", "operations."+o.Response.Name+"."+r.FieldName, n.Pos, "response body removed ("+r.ContentType+")")
		}
	}
}

// security compares the credentials a call takes: its own security struct
// (the method's last argument) or the SDK's.
func (c *comparer) security(subject string, o, n *model.Operation) {
	name := func(op *model.Operation) string {
		if op.Security == nil {
			if op.NoSecurity {
				return "none"
			}
			return "the SDK's security"
		}
		return "operations." + op.Security.Name
	}
	if name(o) != name(n) {
		c.retyped("operation-security", subject, n.Pos, "the call's credentials changed (the method's signature changes)", name(o), name(n))
	}
}

// types compares the named types outside the per-operation structs.
// matchTypes finds the renamed types (c.renamed) before anything is
// compared, so that a field of a renamed type is not reported retyped.
func (c *comparer) matchTypes() {
	pairs := map[string]string{} // old key -> new key
	paired := map[string]bool{}  // new keys taken
	pair := func(o, n string) { pairs[o], paired[n] = n, true }
	// First by place in the spec (a component, an inline schema's place):
	// the same location under another Go name is a rename, and a name now
	// held by another location is not the same type.
	byLoc := map[string]string{}
	for _, k := range sortedKeys(c.new.types) {
		if t := c.new.types[k]; t.Loc != "" {
			byLoc[t.Pkg+" "+t.Loc] = k
		}
	}
	oldLocs := map[string]bool{}
	for _, k := range sortedKeys(c.old.types) {
		if t := c.old.types[k]; t.Loc != "" {
			oldLocs[t.Pkg+" "+t.Loc] = true
			if nk, ok := byLoc[t.Pkg+" "+t.Loc]; ok && !paired[nk] {
				pair(k, nk)
			}
		}
	}
	// Then by Go name, for what has no location in common (a new type
	// whose location an old type has is that type's counterpart, not a
	// same-named stranger's).
	for _, k := range sortedKeys(c.old.types) {
		if _, ok := pairs[k]; ok {
			continue
		}
		if nt, ok := c.new.types[k]; ok && !paired[k] && (nt.Loc == "" || c.old.types[k].Loc == "" || !oldLocs[nt.Pkg+" "+nt.Loc]) {
			pair(k, k)
		}
	}
	// A component whose key changed, the type unchanged, is a rename too:
	// the one unmatched new type of the same shape.
	shapes := map[string][]string{}
	for _, k := range sortedKeys(c.new.types) {
		if !paired[k] {
			sig := signature(c.new.types[k])
			shapes[sig] = append(shapes[sig], k)
		}
	}
	for _, k := range sortedKeys(c.old.types) {
		if _, ok := pairs[k]; ok {
			continue
		}
		if cands := shapes[signature(c.old.types[k])]; len(cands) == 1 {
			pair(k, cands[0])
			delete(shapes, signature(c.old.types[k]))
		}
	}
	c.pairs = pairs
	c.renamed = map[string]string{}
	for o, n := range pairs {
		if o != n {
			c.renamed[o] = n
		}
	}
}

// sameType says whether old and new spell one type, given the renames.
func (c *comparer) sameType(old, new string) bool {
	if len(c.renamed) == 0 {
		return old == new
	}
	return typeName.ReplaceAllStringFunc(old, func(n string) string {
		if r, ok := c.renamed[n]; ok {
			return r
		}
		return n
	}) == new
}

var typeName = regexp.MustCompile(`\b(shared|operations)\.[A-Za-z0-9_]+`)

// types compares the named types outside the per-operation structs.
func (c *comparer) types() {
	newMatched := map[string]bool{}
	for _, k := range sortedKeys(c.old.types) {
		ot := c.old.types[k]
		nk, ok := c.pairs[k]
		if !ok {
			c.breaking("type-removed", k, ot.Pos, "type removed"+removedWhy(ot))
			continue
		}
		nt := c.new.types[nk]
		if nk != k {
			why := "renamed (the same place in the spec, " + quote(ot.Loc) + ")"
			if ot.Loc != nt.Loc {
				why = "renamed (the same type, now " + describe(nt) + ")"
			}
			c.retyped("type-renamed", k, nt.Pos, why, k, nk)
		}
		newMatched[nk] = true
		c.typ(nk, ot, nt)
	}
	for _, k := range sortedKeys(c.new.types) {
		if !newMatched[k] {
			msg := "type added"
			if _, ok := c.old.types[k]; ok {
				msg = "type added, under the name another type had (" + describe(c.new.types[k]) + ")"
			}
			c.addition("type-added", k, c.new.types[k].Pos, msg)
		}
	}
}

// signature is a named type's shape, without its name: its kind and its
// fields (JSON name, Go name, Go type), values or alternatives.
func signature(t *model.Type) string {
	var b strings.Builder
	b.WriteString(t.Pkg + " " + t.Kind.String())
	for _, f := range t.Fields {
		b.WriteString("|" + f.Name + " " + f.GoName + " " + spell(model.GoTypeAt(f.Type, f.Presence)))
	}
	for _, v := range t.Values {
		b.WriteString("|" + v.Value)
	}
	for _, v := range t.Variants {
		b.WriteString("|" + v.GoName + " " + spell(model.GoTypeAt(v.Type, v.Presence)))
	}
	if t.Elem != nil {
		b.WriteString("|" + spell(model.GoTypeOf(t.Elem)))
	}
	return b.String()
}

// describe says where a type comes from.
func describe(t *model.Type) string {
	if t.SchemaName != "" {
		return "component " + quote(t.SchemaName)
	}
	return "an inline schema"
}

func removedWhy(t *model.Type) string {
	if t.SchemaName != "" {
		return " (component " + quote(t.SchemaName) + " is gone or no longer used by an operation of the SDK)"
	}
	return ""
}

func (c *comparer) typ(subject string, o, n *model.Type) {
	if o.Kind != n.Kind || (o.Kind == model.KindEnum && o.EnumBase != n.EnumBase) {
		c.retyped("type-kind", subject, n.Pos, "the type changed kind", o.Kind.String(), n.Kind.String())
		return
	}
	switch n.Kind {
	case model.KindStruct:
		c.fields(subject, o, n)
	case model.KindEnum:
		c.enum(subject, o, n)
	case model.KindUnion:
		c.variants(subject, o, n)
	case model.KindArray, model.KindMap:
		if ot, nt := spell(model.GoTypeOf(o.Elem)), spell(model.GoTypeOf(n.Elem)); !c.sameType(ot, nt) {
			c.retyped("type-retyped", subject, n.Pos, "element type changed", ot, nt)
		}
	}
}

func (c *comparer) fields(subject string, o, n *model.Type) {
	key := func(f *model.Field) string {
		if f.Kind == model.FieldProperty {
			return f.Name
		}
		return "\x00" + f.GoName // additional properties, security fields
	}
	olds := map[string]*model.Field{}
	for _, f := range o.Fields {
		olds[key(f)] = f
	}
	input := c.new.input[n] || c.old.input[o]
	seen := map[string]bool{}
	for _, f := range n.Fields {
		seen[key(f)] = true
		name := subject + "." + f.GoName
		of, ok := olds[key(f)]
		what := "field"
		if f.Name != "" {
			what = "field " + quote(f.Name)
		}
		if !ok {
			switch {
			case !f.Optional && !f.ReadOnly && input:
				c.breaking("field-added", name, f.Pos, "new required "+what+": callers building this value must set it (a Go field addition that compiles, but the request is refused without it)")
			case !f.Optional && !f.ReadOnly:
				c.addition("field-added", name, f.Pos, "new required "+what)
			default:
				c.addition("field-added", name, f.Pos, "new optional "+what)
			}
			continue
		}
		if of.GoName != f.GoName {
			c.retyped("field-renamed", subject+"."+of.GoName, f.Pos, what+": Go field renamed", of.GoName, f.GoName)
		}
		ot, nt := spell(model.GoTypeAt(of.Type, of.Presence)), spell(model.GoTypeAt(f.Type, f.Presence))
		switch {
		case !c.sameType(ot, nt):
			why := ""
			if of.Optional != f.Optional {
				why = " (" + requiredWord(!of.Optional) + " -> " + requiredWord(!f.Optional) + ")"
			} else if of.Nullable != f.Nullable {
				why = " (nullable: " + boolWord(of.Nullable) + " -> " + boolWord(f.Nullable) + ")"
			}
			c.retyped("field-retyped", name, f.Pos, what+" changed type"+why, ot, nt)
		case of.Optional && !f.Optional && input && !f.ReadOnly:
			c.breaking("field-required", name, f.Pos, what+" is now required: callers building this value must set it")
		case of.Optional != f.Optional:
			c.addition("field-required", name, f.Pos, what+" is now "+requiredWord(!f.Optional))
		}
	}
	for _, f := range o.Fields {
		if !seen[key(f)] {
			what := "field"
			if f.Name != "" {
				what = "field " + quote(f.Name)
			}
			c.breaking("field-removed", subject+"."+f.GoName, n.Pos, what+" removed")
		}
	}
}

func boolWord(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (c *comparer) enum(subject string, o, n *model.Type) {
	olds := map[string]*model.EnumValue{}
	for _, v := range o.Values {
		olds[v.Value] = v
	}
	seen := map[string]bool{}
	for _, v := range n.Values {
		seen[v.Value] = true
		ov, ok := olds[v.Value]
		if !ok {
			c.add(Change{Kind: "enum-value-added", Subject: n.Pkg + "." + v.GoName, Message: "value " + quote(v.Value) + " added to " + quote(subject),
				Pos: v.Pos.String(), Type: subject, value: v.Value}, LevelMinor)
			continue
		}
		if ov.GoName != v.GoName {
			c.retyped("enum-value-renamed", o.Pkg+"."+ov.GoName, v.Pos, "the constant of value "+quote(v.Value)+" was renamed", ov.GoName, v.GoName)
		}
	}
	for _, v := range o.Values {
		if !seen[v.Value] {
			c.add(Change{Kind: "enum-value-removed", Subject: o.Pkg + "." + v.GoName, Breaking: true, Message: "value " + quote(v.Value) + " removed from " + quote(subject),
				Pos: n.Pos.String(), Type: subject, value: v.Value}, LevelMajor)
		}
	}
}

func (c *comparer) variants(subject string, o, n *model.Type) {
	olds := map[string]*model.Variant{}
	for _, v := range o.Variants {
		olds[v.GoName] = v
	}
	seen := map[string]bool{}
	for _, v := range n.Variants {
		seen[v.GoName] = true
		ov, ok := olds[v.GoName]
		if !ok {
			c.addition("variant-added", subject+"."+v.GoName, n.Pos, "alternative "+quote(spell(model.GoTypeAt(v.Type, v.Presence)))+" added")
			continue
		}
		if ot, nt := spell(model.GoTypeAt(ov.Type, ov.Presence)), spell(model.GoTypeAt(v.Type, v.Presence)); !c.sameType(ot, nt) {
			c.retyped("variant-retyped", subject+"."+v.GoName, n.Pos, "alternative changed type", ot, nt)
		}
	}
	for _, v := range o.Variants {
		if !seen[v.GoName] {
			c.breaking("variant-removed", subject+"."+v.GoName, n.Pos, "alternative "+quote(spell(model.GoTypeAt(v.Type, v.Presence)))+" removed")
		}
	}
	if o.AnyOf != n.AnyOf {
		word := map[bool]string{true: "anyOf (several alternatives may be set)", false: "oneOf (one alternative at a time)"}
		c.patch("variant-mode", subject, n.Pos, "now "+word[n.AnyOf]+", was "+word[o.AnyOf])
	}
}

func (c *comparer) servers(o, n *model.API) {
	first := func(a *model.API) string {
		if len(a.Servers) == 0 {
			return ""
		}
		return a.Servers[0].URL
	}
	if fo, fn := first(o), first(n); fo != fn {
		c.patch("server-url", "sdk.ServerList", model.Pos{}, "default server now "+quote(fn)+" (was "+quote(fo)+")")
	}
	olds := map[string]*model.ServerVariable{}
	for _, v := range o.ServerVariables {
		olds[v.Name] = v
	}
	seen := map[string]bool{}
	for _, v := range n.ServerVariables {
		seen[v.Name] = true
		if _, ok := olds[v.Name]; !ok {
			c.addition("server-variable-added", "sdk."+v.Option, v.Pos, "server variable "+quote(v.Name)+" added")
		}
	}
	for _, v := range o.ServerVariables {
		if !seen[v.Name] {
			c.breaking("server-variable-removed", "sdk."+v.Option, v.Pos, "server variable "+quote(v.Name)+" removed: the option goes")
		}
	}
}

func quote(s string) string { return "`" + s + "`" }

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// spell prints a Go type expression as the SDK's users write it.
func spell(g model.GoType) string { return g.String() }

// reason prints why an operation has no method: the extension in code
// quotes, a filter of gen.yaml as it is.
func reason(r string) string {
	if strings.HasPrefix(r, "x-") {
		return quote(r)
	}
	return r
}
