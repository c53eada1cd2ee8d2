// Tests of shapes the Vault Sessions SDK lacks, on the SDK generated from
// testdata/specs/noexamples.yml. Copied into a temporary module by
// TestGeneratedShapes.
package shapes

import (
	"encoding/json"
	"testing"

	"openapi/pkg/models/shared"
	"openapi/pkg/types"
)

func widget(nick types.Nullable[string]) shared.WidgetInput {
	return shared.WidgetInput{Color: shared.ColorEnumRed, Name: "Ab-12", Size: 1, Nickname: nick}
}

func TestNullableMarshal(t *testing.T) {
	for _, tc := range []struct {
		name string
		nick types.Nullable[string]
		want string
	}{
		{"absent", types.Nullable[string]{}, `{"color":"red","name":"Ab-12","size":1}`},
		{"null", types.Null[string](), `{"color":"red","name":"Ab-12","nickname":null,"size":1}`},
		{"value", types.NewNullable("Bob"), `{"color":"red","name":"Ab-12","nickname":"Bob","size":1}`},
	} {
		data, err := json.Marshal(widget(tc.nick))
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, data, tc.want)
		}
	}
}

func TestNullableUnmarshal(t *testing.T) {
	for _, tc := range []struct {
		body            string
		set, null, have bool
		value           string
	}{
		{`{}`, false, false, false, ""},
		{`{"nickname":null}`, true, true, false, ""},
		{`{"nickname":"Bob"}`, true, false, true, "Bob"},
	} {
		var w shared.Widget
		if err := json.Unmarshal([]byte(tc.body), &w); err != nil {
			t.Fatal(err)
		}
		v, ok := w.Nickname.Get()
		if w.Nickname.Set != tc.set || w.Nickname.IsNull() != tc.null || ok != tc.have || v != tc.value {
			t.Errorf("%s: got %+v (Get %q %v)", tc.body, w.Nickname, v, ok)
		}
	}
}

func TestDiscriminatedUnion(t *testing.T) {
	var m shared.Mapping
	if err := json.Unmarshal([]byte(`{"kind":"value","value":3}`), &m); err != nil {
		t.Fatal(err)
	}
	if m.ValueMapping == nil || m.ValueMapping.Value != 3 || m.FieldMapping != nil {
		t.Fatalf("value mapping: %+v", m)
	}
	if err := json.Unmarshal([]byte(`{"kind":"field","source":"a"}`), &m); err != nil {
		t.Fatal(err)
	}
	if m.FieldMapping == nil || m.FieldMapping.Source != "a" || m.ValueMapping != nil {
		t.Fatalf("field mapping: %+v", m)
	}
	data, err := json.Marshal(m)
	if err != nil || string(data) != `{"kind":"field","source":"a"}` {
		t.Fatalf("marshal: %s %v", data, err)
	}
}

func TestEnumNames(t *testing.T) {
	for c, want := range map[shared.ColorEnum]string{
		shared.ColorEnumDarkBlue:  "dark-blue",
		shared.ColorEnumStar:      "*",
		shared.ColorEnumUpperCase: "UPPER_CASE",
	} {
		if string(c) != want || !c.IsKnown() {
			t.Errorf("%q: want %q, known", c, want)
		}
	}
}

func TestAdditionalProperties(t *testing.T) {
	var c shared.Counts
	if err := json.Unmarshal([]byte(`{"total":3,"red":1,"blue":2}`), &c); err != nil {
		t.Fatal(err)
	}
	if c.Total == nil || *c.Total != 3 || len(c.AdditionalProperties) != 2 || c.AdditionalProperties["red"] != 1 || c.AdditionalProperties["blue"] != 2 {
		t.Fatalf("decoded %+v", c)
	}
	data, err := json.Marshal(c)
	if err != nil || string(data) != `{"total":3,"blue":2,"red":1}` {
		t.Fatalf("encoded %s %v", data, err)
	}
	// A key naming a declared property does not override it.
	c.AdditionalProperties["total"] = 9
	if data, _ := json.Marshal(c); string(data) != `{"total":3,"blue":2,"red":1}` {
		t.Errorf("declared key from AdditionalProperties: %s", data)
	}
	if data, _ := json.Marshal(shared.Counts{AdditionalProperties: map[string]int64{"x": 1}}); string(data) != `{"x":1}` {
		t.Errorf("only extras: %s", data)
	}
	if err := json.Unmarshal([]byte(`{"total":1,"bad":"x"}`), &c); err == nil {
		t.Error("a string accepted as an integer additional property")
	}
}
