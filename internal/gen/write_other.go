//go:build !linux

package gen

// exchange is nil where there is no atomic exchange of two folders: Write
// renames the output folder aside, then the staging folder into place.
var exchange func(a, b string) error

// sameDevice is true: a mount point shows when the renames fail (EXDEV,
// EBUSY).
func sameDevice(a, b string) bool { return true }
