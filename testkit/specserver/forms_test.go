package specserver

import (
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestURLEncodedNestedLists(t *testing.T) {
	loader := openapi3.NewLoader()
	s, err := loader.LoadFromData([]byte(`{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{},
	"components":{"schemas":{"Checkout":{"type":"object","properties":{
		"mode":{"type":"string"},
		"line_items":{"type":"array","items":{"type":"object","properties":{"price":{"type":"string"},"quantity":{"type":"integer"}}}},
		"tags":{"type":"array","items":{"type":"string"}},
		"metadata":{"type":"object","additionalProperties":{"type":"string"}}}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	schema := s.Components.Schemas["Checkout"]
	body := "line_items%5B1%5D%5Bprice%5D=p2&line_items%5B0%5D%5Bprice%5D=p1&line_items%5B0%5D%5Bquantity%5D=2&metadata%5Bk%5D=v&mode=pay&tags=a&tags=b"
	got, err := urlencodedDecoder(strings.NewReader(body), nil, schema, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"mode":       "pay",
		"line_items": []any{map[string]any{"price": "p1", "quantity": int64(2)}, map[string]any{"price": "p2"}},
		"metadata":   map[string]any{"k": "v"},
		"tags":       []any{"a", "b"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
	// A list of objects sent flat is no list of objects: validation fails.
	got, err = urlencodedDecoder(strings.NewReader("line_items%5B0%5D=price,p1"), nil, schema, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Value.VisitJSON(got); err == nil {
		t.Errorf("%#v validated", got)
	}
}
