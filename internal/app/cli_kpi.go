package app

import (
	"github.com/spf13/cobra"

	"ecomops/internal/metrics"
)

// `ecomops kpi` and `ecomops kpi rebuild` (internal/metrics/cli.go).
func init() {
	RegisterCommand(func(open Opener) *cobra.Command {
		return metrics.Command(func(cmd *cobra.Command) (*metrics.Service, func() error, error) {
			a, err := open(cmd)
			if err != nil {
				return nil, nil, err
			}
			return a.Metrics, a.Close, nil
		})
	})
}
