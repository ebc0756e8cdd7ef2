package blob

import (
	"context"
	"io"
	"path"
	"slices"
	"strings"

	"ecomops/internal/platform/apperr"
)

// Policy is what one use accepts: a size limit and the content types allowed.
type Policy struct {
	Limit int64
	Allow []string
}

// Upload is a stored file with the sanitised name it was given.
type Upload struct {
	Object
	Name string
}

// Accept stores r under policy p: it refuses content over the limit, content
// whose detected type is not allowed (a .pdf that is really an executable)
// and names whose extension promises another type than the content has (a
// PNG named .pdf). A refused file is not kept. A name without extension gets
// the detected type's. Errors: invalid naming body.file.
func Accept(ctx context.Context, s Store, r io.Reader, name string, p Policy) (Upload, error) {
	obj, err := s.Put(ctx, r, p.Limit)
	if err != nil {
		return Upload{}, err
	}
	name = SanitizeName(name)
	ext := strings.ToLower(path.Ext(name))
	var refuse error
	switch want, known := extTypes[ext]; {
	case obj.Size == 0:
		refuse = apperr.Reject("body.file", apperr.Because("file_empty", nil), "the file is empty")
	case !slices.Contains(p.Allow, obj.ContentType):
		refuse = apperr.Reject("body.file", apperr.Because("file_type", apperr.P{"actual": ExtensionFor(obj.ContentType), "allowed": allowedList(p.Allow)}),
			"files of this kind are not accepted here (content is %s; allowed: %s)", describe(obj.ContentType), allowedList(p.Allow))
	case known && want != obj.ContentType:
		refuse = apperr.Reject("body.file", apperr.Because("file_ext_mismatch", apperr.P{"ext": ext, "actual": ExtensionFor(obj.ContentType)}),
			"the name ends in %s but the content is %s", ext, describe(obj.ContentType))
	case !known:
		name = strings.TrimSuffix(name, path.Ext(name)) + ExtensionFor(obj.ContentType)
	}
	if refuse != nil {
		if err := s.Delete(ctx, obj.Key); err != nil {
			return Upload{}, err
		}
		return Upload{}, refuse
	}
	return Upload{Object: obj, Name: name}, nil
}

func describe(ct string) string {
	if ct == Unknown {
		return "not a recognised document, image or video"
	}
	return ct
}

func allowedList(allow []string) string {
	var exts []string
	for _, ct := range allow {
		if e := ExtensionFor(ct); e != "" {
			exts = append(exts, e)
		}
	}
	return strings.Join(exts, " ")
}
