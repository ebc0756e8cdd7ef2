// Package web embeds the built UI (web/dist, made by `npm run build`). A
// binary built without Node embeds only dist/.keep and serves a page that
// says how to build the UI.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built UI files rooted at dist/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err)
	}
	return sub
}
