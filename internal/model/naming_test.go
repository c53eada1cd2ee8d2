package model

import (
	"reflect"
	"testing"
)

func TestDerives(t *testing.T) {
	for _, c := range []struct {
		name, want string
		ok         bool
	}{
		{"Pet", "Pet", true}, {"Pet2", "Pet", true}, {"Pet12", "Pet", true},
		{"PetEnum", "Pet", false}, {"Pe", "Pet", false}, {"Animal", "Pet", false},
	} {
		if got := derives(c.name, c.want); got != c.ok {
			t.Errorf("derives(%q, %q) = %v", c.name, c.want, got)
		}
	}
}

// TestNamingHonours: the rules of Naming on one scope, by hand.
func TestNamingHonours(t *testing.T) {
	prev := &Names{Shared: map[string]string{
		"#/a": "Foo",    // still wants Foo: kept
		"#/b": "Foo2",   // still wants Foo: kept
		"#/c": "Bar",    // now wants Baz: dropped, reported
		"#/d": "Gone",   // not claimed: dropped
		"#/e": "Secret", // a reserved name now
	}}
	g := NewNaming(prev, false)
	build := func() map[string]string {
		n := g.Namer(ScopeShared, true, "Secret")
		got := map[string]string{}
		for _, c := range []struct{ want, loc string }{
			{"Gone", "#/new1"}, // a newcomer wanting the name of a location that is gone
			{"Foo", "#/new2"},  // a newcomer wanting a kept name
			{"Foo", "#/b"}, {"Foo", "#/a"}, {"Baz", "#/c"}, {"Secret", "#/e"},
		} {
			got[c.loc] = n.Claim(c.want, c.loc, Pos{})
		}
		return got
	}
	first := build()
	if first["#/new1"] != "Gone2" {
		t.Errorf("first build: #/new1 = %s, want Gone2 (kept for #/d until the build ends)", first["#/new1"])
	}
	if !g.Retry() {
		t.Fatal("Retry = false after a reservation for a location that did not claim kept a name")
	}
	got := build()
	if g.Retry() {
		t.Error("a second Retry")
	}
	want := map[string]string{"#/new1": "Gone", "#/new2": "Foo3", "#/a": "Foo", "#/b": "Foo2", "#/c": "Baz", "#/e": "Secret2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("names %v, want %v", got, want)
	}
	var renames []string
	for _, r := range g.Renames() {
		renames = append(renames, r.Loc+": "+r.Old+" -> "+r.New+" ("+r.Why+")")
	}
	wantRenames := []string{"#/c: Bar -> Baz (the spec now names it Baz)", "#/e: Secret -> Secret2 (Secret is taken)"}
	if !reflect.DeepEqual(renames, wantRenames) {
		t.Errorf("renames %v, want %v", renames, wantRenames)
	}
	if !reflect.DeepEqual(g.Made().Shared, want) {
		t.Errorf("recorded %v, want %v", g.Made().Shared, want)
	}
}

// TestNamingMembers: member scopes record only contested names, and a
// previous decision wins over a soft reservation.
func TestNamingMembers(t *testing.T) {
	g := NewNaming(nil, false)
	n := g.Namer(MemberScope("#/s"), false, "MarshalJSON")
	n.Soft("GetName")
	for _, c := range []struct{ want, loc string }{{"Name", "field:name"}, {"GetName", "field:get_name"}, {"ID", "field:id"}} {
		n.Claim(c.want, c.loc, Pos{})
	}
	if got, want := g.Made().Members["#/s"], map[string]string{"field:get_name": "GetName2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("recorded %v, want %v", got, want)
	}
	g = NewNaming(&Names{Members: map[string]map[string]string{"#/s": {"field:get_name": "GetName"}}}, false)
	n = g.Namer(MemberScope("#/s"), false)
	n.Soft("GetName")
	if got := n.Claim("GetName", "field:get_name", Pos{}); got != "GetName" {
		t.Errorf("a recorded name lost to a soft one: %s", got)
	}
}
