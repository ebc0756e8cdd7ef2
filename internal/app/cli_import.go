package app

import (
	"errors"

	"github.com/spf13/cobra"

	"ecomops/internal/sales"
)

// `ecomops import orders|traffic` (internal/sales/cli.go). The sales
// command reports rejected rows with an error carrying exit code 3.
func init() {
	RegisterCommand(func(open Opener) *cobra.Command {
		cmd := sales.Command(func(cmd *cobra.Command) (*sales.Service, func() error, error) {
			a, err := open(cmd)
			if err != nil {
				return nil, nil, err
			}
			return a.Sales, a.Close, nil
		})
		for _, sub := range cmd.Commands() {
			run := sub.RunE
			sub.RunE = func(cmd *cobra.Command, args []string) error {
				err := run(cmd, args)
				var ec sales.ExitCoder
				if errors.As(err, &ec) {
					return ExitError{Code: ec.ExitCode()}
				}
				return err
			}
		}
		return cmd
	})
}
