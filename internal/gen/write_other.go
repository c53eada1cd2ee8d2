//go:build !linux

package gen

import (
	"os"
	"path/filepath"
	"reflect"
)

// exchange is nil where there is no atomic exchange of two folders: Write
// renames the output folder aside, then the staging folder into place.
var exchange func(a, b string) error

// mountPoint: dir is on another device than its parent (the Dev field of
// the system's stat, on Unix systems; false where there is none).
func mountPoint(dir string) bool {
	dev := func(p string) (reflect.Value, bool) {
		info, err := os.Lstat(p)
		if err != nil {
			return reflect.Value{}, false
		}
		v := reflect.Indirect(reflect.ValueOf(info.Sys()))
		if v.Kind() != reflect.Struct {
			return reflect.Value{}, false
		}
		f := v.FieldByName("Dev")
		return f, f.IsValid() && (f.CanInt() || f.CanUint())
	}
	a, ok1 := dev(dir)
	b, ok2 := dev(filepath.Dir(dir))
	return ok1 && ok2 && !a.Equal(b)
}
