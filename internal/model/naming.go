package model

import (
	"sort"
	"strconv"
	"strings"
)

// Stable names. Every Go name gen declares is decided for a location of the
// spec (Loc on Type, EnumValue, Field, Variant, Param, RequestBody,
// ResponseContent, Service, Operation, ServerVariable): a JSON pointer to where the named thing is written
// ("#/components/schemas/Pet", "#/components/schemas/Pet/properties/status"),
// with a suffix when one place names several things (an enum constant:
// ".../enum/<value>"; the readOnly-free twin: "...#input"; an operation's
// structs: "#/paths/~1pets/get#request", "#response", "#security"). The
// decisions of a run are recorded (API.Names, gen-manifest.json) and a later
// run honours them (Naming): a name recorded for a location that still
// exists and still wants it is kept for that location before anyone claims,
// so a newcomer whose name collides is the one suffixed. A recorded name
// whose wanted name changed (an operationId changed, so its request struct
// wants another name) is dropped: the user's change wins, and the rename is
// reported (API.Renames), as are all renames of -rename, which names
// afresh. A name borrowed from the context that met the thing first (see
// ClaimBorrowed) is kept whatever it derives from.

// Names are naming decisions, location -> Go name, by scope: the package
// scopes of shared and operations, the root package's, and the member scopes
// of structs and unions (keyed by the owner's location; a member is named by
// its kind and identity there: "field:status", "getter:field:status",
// "variant:Pet", "param:query/limit", "body", "result:200/application/json",
// "scheme:apiKey"). Package and root scopes record every decision; member
// scopes only contested ones (see Naming.Namer).
type Names struct {
	Shared     map[string]string            `json:"shared,omitempty"`
	Operations map[string]string            `json:"operations,omitempty"`
	Root       map[string]string            `json:"root,omitempty"`
	Members    map[string]map[string]string `json:"members,omitempty"`
}

// Scope is one scope of names.
type Scope struct {
	pkg   string // "shared", "operations" or "root"; "" for a member scope
	owner string // a member scope: the owner's location
}

// The package scopes and the root package's scope.
var (
	ScopeShared     = Scope{pkg: PkgShared}
	ScopeOperations = Scope{pkg: PkgOperations}
	ScopeRoot       = Scope{pkg: "root"}
)

// MemberScope is the scope of the fields, alternatives and getters of the
// type (or request, response or security struct) at location owner.
func MemberScope(owner string) Scope { return Scope{owner: owner} }

// PackageScope is the scope of package pkg (PkgShared or PkgOperations).
func PackageScope(pkg string) Scope {
	if pkg == PkgOperations {
		return ScopeOperations
	}
	return ScopeShared
}

func (s Scope) String() string {
	if s.pkg != "" {
		return s.pkg
	}
	return "members of " + s.owner
}

// Scope returns the decisions of scope s (nil when there are none); with
// create, an empty map is made for it.
func (n *Names) Scope(s Scope, create bool) map[string]string {
	if n == nil {
		return nil
	}
	var m *map[string]string
	switch s {
	case ScopeShared:
		m = &n.Shared
	case ScopeOperations:
		m = &n.Operations
	case ScopeRoot:
		m = &n.Root
	default:
		if n.Members[s.owner] == nil && create {
			if n.Members == nil {
				n.Members = map[string]map[string]string{}
			}
			n.Members[s.owner] = map[string]string{}
		}
		return n.Members[s.owner]
	}
	if *m == nil && create {
		*m = map[string]string{}
	}
	return *m
}

// scopes lists the scopes n has decisions in.
func (n *Names) scopes() []Scope {
	if n == nil {
		return nil
	}
	out := []Scope{ScopeShared, ScopeOperations, ScopeRoot}
	for owner := range n.Members {
		out = append(out, MemberScope(owner))
	}
	return out
}

// Len is the number of decisions.
func (n *Names) Len() int {
	if n == nil {
		return 0
	}
	c := len(n.Shared) + len(n.Operations) + len(n.Root)
	for _, m := range n.Members {
		c += len(m)
	}
	return c
}

// Rename is a name that differs from the previous decision for its location.
type Rename struct {
	Scope    Scope
	Loc      string
	Old, New string
	Why      string
	Pos      Pos
}

func (r Rename) String() string {
	return r.Pos.String() + ": renamed: " + r.Old + " -> " + r.New + " (" + r.Why + ")"
}

// Naming is the naming state of one lowering: the previous decisions it
// honours, and the decisions and renames of the build under way.
//
// Honouring is optimistic: before any claim, each scope reserves every
// previous name for its location. A reservation is right when its location
// claims in this run with a wanted name the recorded name still derives
// from (the same, or it followed by digits); a reservation that turns out
// wrong (the location is gone, or wants another name) and kept a name from
// someone is dropped, and the lowering runs again (Retry) — which only
// happens when the spec changed a recorded name and a collision met it.
type Naming struct {
	prev    *Names
	afresh  bool
	dropped map[nameKey]bool // previous decisions found wrong by an earlier build
	rounds  int              // builds ended

	made     *Names
	renames  map[nameKey]Rename
	denied   map[nameKey]bool // reservations that kept their name from another claimer
	honoured map[nameKey]bool // reservations taken by their location
}

type nameKey struct {
	scope Scope
	loc   string
}

// NewNaming starts the naming of a lowering. prev are the previous decisions
// (nil for none); afresh ignores them (-rename), except to report what
// changed.
func NewNaming(prev *Names, afresh bool) *Naming {
	g := &Naming{prev: prev, afresh: afresh, dropped: map[nameKey]bool{}}
	g.reset()
	return g
}

func (g *Naming) reset() {
	g.made = &Names{}
	g.renames = map[nameKey]Rename{}
	g.denied = map[nameKey]bool{}
	g.honoured = map[nameKey]bool{}
}

// maxRounds bounds the builds: dropping a reservation renames a claimer,
// which may change what its children want, and so on; a cascade that long
// (a manifest from another spec, say) ends with every reservation not
// taken in the last build dropped, and one build more.
const maxRounds = 4

// Retry ends a build: when a reservation kept a name from a claimer and its
// own location did not take it, the reservation is dropped and Retry says
// the build must run again (with a fresh builder).
func (g *Naming) Retry() bool {
	g.rounds++
	again := false
	switch {
	case g.rounds > maxRounds:
	case g.rounds == maxRounds:
		for _, s := range g.prev.scopes() {
			for loc := range g.prev.Scope(s, false) {
				if k := (nameKey{s, loc}); !g.honoured[k] && !g.dropped[k] {
					g.dropped[k], again = true, true
				}
			}
		}
	default:
		for k := range g.denied {
			if !g.honoured[k] && !g.dropped[k] {
				g.dropped[k], again = true, true
			}
		}
	}
	if again {
		g.reset()
	}
	return again
}

// Made are the decisions of the build.
func (g *Naming) Made() *Names { return g.made }

// Renames are the names that differ from the previous decisions, by
// position, then location.
func (g *Naming) Renames() []Rename {
	out := make([]Rename, 0, len(g.renames))
	for _, r := range g.renames {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Loc != b.Loc {
			return a.Loc < b.Loc
		}
		return a.Scope.String() < b.Scope.String()
	})
	return out
}

// Namer hands out unique Go names within one scope (a package or a struct).
// A name is claimed by the first caller; a later caller wanting a taken name
// gets the name followed by the smallest integer >= 2 that is free. Callers
// claim in a deterministic order (see the parser), so the outcome is stable;
// with a Naming, previous decisions come first (see Naming).
type Namer struct {
	taken map[string]string // name -> location of its holder ("" for a reserved name)
	scope Scope
	g     *Naming // nil: a scratch scope, nothing recorded or honoured
	all   bool    // record every decision, else the contested ones
	// prev are the previous decisions to honour, location -> name;
	// reserve is, for each such name, the location it is kept for.
	prev, reserve map[string]string
	seen          map[string]int // claims per location
}

// NewNamer returns a scratch scope (nothing recorded, nothing honoured),
// with reserved names taken already.
func NewNamer(reserved ...string) *Namer {
	n := &Namer{taken: map[string]string{}}
	for _, r := range reserved {
		n.taken[r] = ""
	}
	return n
}

// Namer opens scope s, with reserved names taken already and the previous
// decisions of s reserved for their locations. all records every decision
// (package and root scopes: any name may be contested by a later spec);
// else only the contested ones (member scopes: two members wanted one name,
// or a member wanted a reserved one), which keeps the manifest small.
func (g *Naming) Namer(s Scope, all bool, reserved ...string) *Namer {
	n := NewNamer(reserved...)
	n.scope, n.g, n.all = s, g, all
	n.seen = map[string]int{}
	prev := g.prev.Scope(s, false)
	if g.afresh || len(prev) == 0 {
		return n
	}
	n.prev, n.reserve = make(map[string]string, len(prev)), make(map[string]string, len(prev))
	for loc, name := range prev {
		if g.dropped[nameKey{s, loc}] {
			continue
		}
		n.prev[loc] = name
		if _, hard := n.taken[name]; hard {
			continue // a reserved name now: the claim reports the rename
		}
		if other, ok := n.reserve[name]; !ok || loc < other {
			n.reserve[name] = loc // one name recorded twice (an edited manifest): the first location keeps it
		}
	}
	return n
}

// Soft takes names (the getters a struct's members would want) unless a
// previous decision keeps one for a location: the decision wins.
func (n *Namer) Soft(names ...string) {
	for _, r := range names {
		if _, kept := n.reserve[r]; kept {
			continue
		}
		if _, ok := n.taken[r]; !ok {
			n.taken[r] = ""
		}
	}
}

// Take marks name, already decided, as held by loc (nothing is recorded).
func (n *Namer) Take(name, loc string) { n.taken[name] = loc }

// Claim returns the name of the thing at location loc (within the scope)
// that wants the name want: a previous decision for loc when it still
// derives from want, else want if free, else want2, want3, ... (skipping the
// names previous decisions keep for other locations). pos places a rename.
func (n *Namer) Claim(want, loc string, pos Pos) string { return n.claim(want, loc, pos, false) }

// ClaimBorrowed is Claim for a thing whose wanted name is borrowed from
// the context that met it first rather than its own (a schema under a
// component response, named after the first operation that uses it): a
// previous decision for loc is kept whatever it derives from, so an
// operation added before that one does not rename it.
func (n *Namer) ClaimBorrowed(want, loc string, pos Pos) string { return n.claim(want, loc, pos, true) }

func (n *Namer) claim(want, loc string, pos Pos, borrowed bool) string {
	want = Shorten(want)
	if n.g == nil {
		name := want
		for i := 2; ; i++ {
			if _, ok := n.taken[name]; !ok {
				n.taken[name] = loc
				return name
			}
			name = want + strconv.Itoa(i)
		}
	}
	if c := n.seen[loc]; c > 0 {
		// Two things at one location (copies kin-openapi makes of a
		// schema): the second is told apart by its order.
		n.seen[loc] = c + 1
		loc += "#" + strconv.Itoa(c+1)
	} else {
		n.seen[loc] = 1
	}
	key := nameKey{n.scope, loc}
	if prev, ok := n.prev[loc]; ok && n.reserve[prev] == loc {
		if _, held := n.taken[prev]; !held && (borrowed || derives(prev, want)) {
			n.taken[prev] = loc
			n.g.honoured[key] = true
			n.record(loc, prev)
			return prev
		}
		delete(n.reserve, prev) // the spec changed the name: the change wins
	}
	contested := false
	name := want
	for i := 2; ; i++ {
		if holder, ok := n.taken[name]; ok {
			contested = true
			if holder != "" {
				n.record(holder, name)
			}
		} else if r, ok := n.reserve[name]; ok && r != loc {
			contested = true
			n.g.denied[nameKey{n.scope, r}] = true
		} else {
			break
		}
		name = want + strconv.Itoa(i)
	}
	n.taken[name] = loc
	if n.all || contested {
		n.record(loc, name)
	}
	if old, ok := n.g.prev.Scope(n.scope, false)[loc]; ok && old != name {
		why := old + " is taken"
		switch {
		case n.g.afresh:
			why = "-rename: named afresh"
		case !derives(old, want) && !borrowed:
			why = "the spec now names it " + want
		}
		n.g.renames[key] = Rename{Scope: n.scope, Loc: loc, Old: old, New: name, Why: why, Pos: pos}
	}
	return name
}

func (n *Namer) record(loc, name string) {
	if n.g != nil && loc != "" {
		n.g.made.Scope(n.scope, true)[loc] = name
	}
}

// derives reports whether name is want, or want followed by digits (a
// suffix the Namer gave).
func derives(name, want string) bool {
	rest, ok := strings.CutPrefix(name, want)
	if !ok {
		return false
	}
	for _, r := range rest {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
