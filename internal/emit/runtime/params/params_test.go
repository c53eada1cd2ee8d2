package params

import (
	"math"
	"net/http"
	"net/url"
	"testing"
)

// The rows of the OpenAPI 3.0 style examples: color as empty, "blue",
// ["blue","black","brown"] and {"R":100,"G":200,"B":150}.
var (
	empty  = String("")
	blue   = String("blue")
	colors = List([]string{"blue", "black", "brown"}, String)
	rgb    = Object().With("R", Int(100)).With("G", Int(200)).With("B", Int(150))
)

func TestPathTable(t *testing.T) {
	for _, tc := range []struct {
		style   Style
		explode bool
		v       Value
		want    string
	}{
		{Matrix, false, empty, ";color="},
		{Matrix, false, blue, ";color=blue"},
		{Matrix, false, colors, ";color=blue,black,brown"},
		{Matrix, false, rgb, ";color=R,100,G,200,B,150"},
		{Matrix, true, colors, ";color=blue;color=black;color=brown"},
		{Matrix, true, rgb, ";R=100;G=200;B=150"},
		{Label, false, empty, "."},
		{Label, false, blue, ".blue"},
		{Label, false, colors, ".blue,black,brown"},
		{Label, false, rgb, ".R,100,G,200,B,150"},
		{Label, true, colors, ".blue.black.brown"},
		{Label, true, rgb, ".R=100.G=200.B=150"},
		{Simple, false, blue, "blue"},
		{Simple, false, colors, "blue,black,brown"},
		{Simple, false, rgb, "R,100,G,200,B,150"},
		{Simple, true, colors, "blue,black,brown"},
		{Simple, true, rgb, "R=100,G=200,B=150"},
		{Simple, false, String("a/b c,d"), "a%2Fb%20c%2Cd"},
	} {
		if got := Path(tc.style, tc.explode, "color", tc.v); got != tc.want {
			t.Errorf("%v explode=%v: got %q; want %q", tc.style, tc.explode, got, tc.want)
		}
	}
}

func TestQueryTable(t *testing.T) {
	for _, tc := range []struct {
		style   Style
		explode bool
		v       Value
		want    string
	}{
		{Form, false, empty, "color="},
		{Form, false, blue, "color=blue"},
		{Form, false, colors, "color=blue,black,brown"},
		{Form, false, rgb, "color=R,100,G,200,B,150"},
		{Form, true, blue, "color=blue"},
		{Form, true, colors, "color=blue&color=black&color=brown"},
		{Form, true, rgb, "R=100&G=200&B=150"},
		{SpaceDelimited, false, colors, "color=blue%20black%20brown"},
		{SpaceDelimited, false, rgb, "color=R%20100%20G%20200%20B%20150"},
		{PipeDelimited, false, colors, "color=blue|black|brown"},
		{PipeDelimited, false, rgb, "color=R|100|G|200|B|150"},
		{DeepObject, true, rgb, "color[R]=100&color[G]=200&color[B]=150"},
		{DeepObject, true, Map(map[string]string{"search": "leads"}, String), "color[search]=leads"},
		{Form, true, String("a&b=c d+e"), "color=a%26b%3Dc%20d%2Be"},
		{Form, true, Null(), "color="},
		{DeepObject, true, Any(map[string]any{"search": "leads", "n": 2.5, "ok": true, "tags": []any{"a"}}), "color[n]=2.5&color[ok]=true&color[search]=leads&color[tags][0]=a"},
	} {
		var q Query
		q.Add(tc.style, tc.explode, false, "color", tc.v)
		if got := q.Encode(); got != tc.want {
			t.Errorf("%v explode=%v: got %q, want %q", tc.style, tc.explode, got, tc.want)
		}
		// What a server reads back.
		if _, err := url.ParseQuery(q.Encode()); err != nil {
			t.Errorf("%q does not parse: %v", q.Encode(), err)
		}
	}
}

func TestAllowReserved(t *testing.T) {
	var q Query
	q.Add(Form, true, true, "path", String("/a/b:c?d&e"))
	if got := q.Encode(); got != "path=/a/b:c?d%26e" {
		t.Errorf("got %q", got)
	}
}

func TestHeaderAndCookies(t *testing.T) {
	if got := Header(false, colors); got != "blue,black,brown" {
		t.Errorf("header list: %q", got)
	}
	if got := Header(true, rgb); got != "R=100,G=200,B=150" {
		t.Errorf("header object: %q", got)
	}
	if got := Cookies(false, "color", colors); len(got) != 1 || got[0] != (Pair{"color", "blue,black,brown"}) {
		t.Errorf("cookie list: %v", got)
	}
	if got := Cookies(true, "color", colors); len(got) != 3 || got[2] != (Pair{"color", "brown"}) {
		t.Errorf("cookie exploded list: %v", got)
	}
}

func TestAddCookies(t *testing.T) {
	h := http.Header{}
	AddCookies(h, Cookies(false, "colors", colors))
	AddCookies(h, Cookies(true, "rgb", rgb))
	AddCookies(h, []Pair{{"note", "a b;c\"d"}})
	want := `colors=blue,black,brown; R=100; G=200; B=150; note=a%20b%3Bc%22d`
	if got := h.Get("Cookie"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	r := &http.Request{Header: h}
	if c, err := r.Cookie("colors"); err != nil || c.Value != "blue,black,brown" {
		t.Errorf("net/http reads colors as %v, %v", c, err)
	}
}

func TestJSONAndErrors(t *testing.T) {
	v := JSON(map[string]any{"role": "admin", "ids": []int{1}})
	var q Query
	q.Add(Form, true, false, "filter", v)
	vals, _ := url.ParseQuery(q.Encode())
	if got := vals.Get("filter"); got != `{"ids":[1],"role":"admin"}` {
		t.Errorf("content JSON: %q", got)
	}
	if JSON(math.Inf(1)).Err() == nil {
		t.Error("an unencodable value has no error")
	}
	if List([]float64{1}, func(float64) Value { return JSON(math.NaN()) }).Err() == nil {
		t.Error("an unencodable item has no error")
	}
	if Object().With("a", String("x")).Err() != nil {
		t.Error("a plain value has an error")
	}
}

func TestScalarLists(t *testing.T) {
	type level int64
	for _, tc := range []struct {
		v    Value
		want string
	}{
		{Strings([]string{"a", "b"}), "a,b"},
		{Ints([]level{1, 2}), "1,2"},
		{Floats([]float64{0.5, 2}), "0.5,2"},
		{Bools([]bool{true, false}), "true,false"},
	} {
		if got := Header(false, tc.v); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestObjectValueSemantics(t *testing.T) {
	base := Object().With("a", Int(1))
	x := base.With("b", Int(2))
	y := base.With("c", Int(3))
	gx := Header(true, x)
	gy := Header(true, y)
	if gx != "a=1,b=2" || gy != "a=1,c=3" {
		t.Errorf("With shares storage: %q %q", gx, gy)
	}
}

func TestEncodeForm(t *testing.T) {
	var q Query
	q.Add(DeepObject, true, false, "owner", Object().With("name", String("Ann Lee")).With("zip", String("75001")))
	q.Add(PipeDelimited, false, false, "colors", Strings([]string{"brown", "white"}))
	q.Add(Form, true, false, "note", String("a+b=c&d/é"))
	want := "owner%5Bname%5D=Ann+Lee&owner%5Bzip%5D=75001&colors=brown%7Cwhite&note=a%2Bb%3Dc%26d%2F%C3%A9"
	if got := q.EncodeForm(); got != want {
		t.Errorf("EncodeForm:\n got %s\nwant %s", got, want)
	}
}

// A deepObject list of objects nests all the way down.
func TestDeepObjectListOfObjects(t *testing.T) {
	var q Query
	items := List([]map[string]string{{"price": "p1"}, {"price": "p2"}}, func(m map[string]string) Value { return Map(m, String) })
	q.Add(DeepObject, true, false, "items", items)
	if got, want := q.Encode(), "items[0][price]=p1&items[1][price]=p2"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
