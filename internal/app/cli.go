package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"ecomops/internal/platform/apperr"
)

// DefaultDB is where the SQLite database lives unless --db or ECOMOPS_DB says otherwise.
const DefaultDB = "./data/ecomops.db"

// ExitError carries a process exit code (e.g. 3 for an import with rejected rows).
type ExitError struct{ Code int }

func (e ExitError) Error() string { return fmt.Sprintf("exit %d", e.Code) }

// Command builds the ecomops command line.
func Command() *cobra.Command {
	var dsn string
	root := &cobra.Command{
		Use:           "ecomops",
		Short:         "EcomOps — e-commerce operations and training management (电商运营与培训管理系统)",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	def := os.Getenv("ECOMOPS_DB")
	if def == "" {
		def = DefaultDB
	}
	root.PersistentFlags().StringVar(&dsn, "db", def, "SQLite file (optionally sqlite:PATH) or postgres:// DSN; env ECOMOPS_DB")
	open := func(cmd *cobra.Command) (*App, error) { return Open(cmd.Context(), dsn, nil) }

	root.AddCommand(serveCommand(open), migrateCommand(&dsn), versionCommand(), userCommand(open), shopCommand(open),
		demoCommand(open), backupCommand(open), openapiCommand(open))
	for _, add := range extraCommands {
		root.AddCommand(add(open))
	}
	return root
}

// Opener opens the application on the --db database.
type Opener func(cmd *cobra.Command) (*App, error)

var extraCommands []func(Opener) *cobra.Command

// RegisterCommand lets a module add a top-level command (e.g. import, kpi).
func RegisterCommand(f func(Opener) *cobra.Command) { extraCommands = append(extraCommands, f) }

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string) int {
	cmd := Command()
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	var ae *apperr.Error
	if errors.As(err, &ae) && len(ae.Fields) > 0 {
		fmt.Fprintf(os.Stderr, "ecomops: %s\n", ae.Message)
		for _, f := range ae.Fields {
			fmt.Fprintf(os.Stderr, "  %s: %s\n", f.Location, f.Message)
		}
		return 1
	}
	fmt.Fprintf(os.Stderr, "ecomops: %v\n", err)
	return 1
}

// readSecret reads a password from stdin: the first line, without its line end.
func readSecret(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}

func versionCommand() *cobra.Command {
	return &cobra.Command{Use: "version", Short: "Print the version", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(cmd.OutOrStdout(), "ecomops", Version)
			return nil
		}}
}

func migrateCommand(dsn *string) *cobra.Command {
	return &cobra.Command{Use: "migrate", Short: "Apply pending database migrations", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := Open(cmd.Context(), *dsn, nil)
			if err != nil {
				return err
			}
			defer a.Close()
			fmt.Fprintln(cmd.OutOrStdout(), "database is up to date")
			return nil
		}}
}
