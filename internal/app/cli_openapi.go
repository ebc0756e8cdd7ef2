package app

import (
	"encoding/json"

	"github.com/spf13/cobra"
)

// openapiCommand prints the OpenAPI document, so the UI's types can be
// generated without a running server (web: OPENAPI=file npm run gen:api).
func openapiCommand(open Opener) *cobra.Command {
	return &cobra.Command{Use: "openapi", Short: "Print the OpenAPI 3.1 document of the API", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := open(cmd)
			if err != nil {
				return err
			}
			defer a.Close()
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", "  ")
			return enc.Encode(a.Server().API.OpenAPI())
		}}
}
