package parser

import (
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/model"
)

// schemesLoc is the location of the security schemes.
const schemesLoc = "#/components/securitySchemes"

func (b *builder) lowerSchemes() {
	if b.doc.Components == nil {
		return
	}
	// The schemes' names are the fields of the security structs: a member
	// scope of its own.
	names := b.naming.Namer(model.MemberScope(schemesLoc), false)
	for _, key := range sortedKeys(b.doc.Components.SecuritySchemes) {
		ref := b.doc.Components.SecuritySchemes[key]
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		ms := &model.SecurityScheme{Key: key, Description: s.Description, Pos: b.pos(b.at(s, s.Origin))}
		ms.GoName = names.Claim(model.Pascal(key), "scheme:"+key, ms.Pos)
		switch {
		case s.Type == "apiKey":
			ms.Kind, ms.In, ms.Name = model.SchemeAPIKey, model.ParamIn(s.In), s.Name
		case s.Type == "http" && strings.EqualFold(s.Scheme, "basic"):
			ms.Kind = model.SchemeBasic
		default: // http bearer, oauth2, openIdConnect: a bearer token
			ms.Kind = model.SchemeBearer
		}
		b.schemes[key] = ms
		b.api.Schemes = append(b.api.Schemes, ms)
	}
}

// requirements lowers a list of alternatives; schemes of one alternative are
// sorted by Go name. Unknown scheme names were rejected by validation.
func (b *builder) requirements(reqs openapi3.SecurityRequirements) []model.SecurityRequirement {
	var out []model.SecurityRequirement
	for _, r := range reqs {
		var set model.SecurityRequirement
		for _, k := range sortedKeys(r) {
			if s := b.schemes[k]; s != nil {
				set = append(set, s)
			}
		}
		sort.SliceStable(set, func(i, j int) bool { return set[i].GoName < set[j].GoName })
		out = append(out, set)
	}
	return out
}

func (b *builder) lowerGlobalSecurity() {
	reqs := b.requirements(b.doc.Security)
	b.api.Security = reqs
	if len(reqs) == 0 || allEmpty(reqs) {
		return
	}
	t := b.securityType("Security", "#/security", model.PkgShared, "security.go", reqs, model.Pos{File: b.file})
	b.api.SecurityType = t
}

func (b *builder) lowerOpSecurity(o *model.Operation, op *openapi3.Operation) {
	if op.Security == nil {
		return // inherits the global requirement
	}
	reqs := b.requirements(*op.Security)
	if len(reqs) == 0 || allEmpty(reqs) {
		o.NoSecurity = true
		return
	}
	if sameRequirements(reqs, b.api.Security) {
		return
	}
	o.Requires = reqs
	loc := o.Loc + "#security"
	name := b.operations.Claim(o.GoName+"Security", loc, o.Pos)
	o.Security = b.securityType(name, loc, model.PkgOperations, o.FileName, reqs, o.Pos)
}

// securityType declares the struct callers fill with credentials: one field
// per scheme, a plain value when a single requirement applies, a pointer
// when alternatives exist (the first alternative fully supplied is used).
func (b *builder) securityType(name, loc, pkg, file string, reqs []model.SecurityRequirement, pos model.Pos) *model.Type {
	t := &model.Type{Kind: model.KindStruct, Name: name, Loc: loc, Pkg: pkg, File: file, Pos: pos,
		Description: "the credentials to send; each field is one security scheme."}
	seen := map[*model.SecurityScheme]bool{}
	for _, r := range reqs {
		for _, s := range r {
			if seen[s] {
				continue
			}
			seen[s] = true
			f := &model.Field{Name: s.Key, GoName: s.GoName, Optional: len(reqs) > 1, Scheme: s,
				Description: firstLine(s.Description), Pos: s.Pos, Loc: "field:" + s.Key}
			if s.Kind == model.SchemeBasic {
				f.Type = b.basicAuthType()
			} else {
				f.Type = &model.Type{Kind: model.KindString}
			}
			t.Fields = append(t.Fields, f)
		}
	}
	b.nameFields(t)
	model.SortFields(t.Fields)
	b.api.Types = append(b.api.Types, t)
	return t
}

// basicAuthType is shared.SchemeBasicAuth, declared on first use.
func (b *builder) basicAuthType() *model.Type {
	if t, ok := b.components["\x00basic"]; ok {
		return t
	}
	loc := schemesLoc + "#basic"
	name := b.shared.Claim("SchemeBasicAuth", loc, model.Pos{File: b.file})
	t := &model.Type{Kind: model.KindStruct, Name: name, Loc: loc, Pkg: model.PkgShared, File: "security.go",
		Fields: []*model.Field{
			{Name: "password", GoName: "Password", Getter: "GetPassword", Type: &model.Type{Kind: model.KindString}, Loc: "field:password"},
			{Name: "username", GoName: "Username", Getter: "GetUsername", Type: &model.Type{Kind: model.KindString}, Loc: "field:username"},
		}}
	b.components["\x00basic"] = t
	b.api.Types = append(b.api.Types, t)
	return t
}

func allEmpty(reqs []model.SecurityRequirement) bool {
	for _, r := range reqs {
		if len(r) > 0 {
			return false
		}
	}
	return true
}

func sameRequirements(a, b []model.SecurityRequirement) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}
