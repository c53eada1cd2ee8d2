package gen

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/oasgo/gen/internal/model"
)

// PreviousNames are the naming decisions the manifest in dir records (nil
// when there is no manifest, or it records none: an output written before
// names were kept). A manifest that cannot be read is an error rather than
// none, which would let names change without a word.
func PreviousNames(dir string) (*model.Names, error) {
	path := filepath.Join(dir, ManifestPath)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m struct {
		Names *model.Names `json:"names"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %v: it records the names earlier runs chose; fix it, or delete it to name afresh", path, err)
	}
	return m.Names, nil
}
