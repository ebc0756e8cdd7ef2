package app

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"ecomops/internal/iam"
	"ecomops/internal/org"
	"ecomops/internal/platform/db"
)

func userCommand(open Opener) *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage logins"}
	var username, name string
	var roles []string
	var admin, stdin bool
	add := &cobra.Command{Use: "add", Short: "Add a login (password from standard input)", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !stdin {
				return fmt.Errorf("give the password on standard input with --password-stdin")
			}
			pw, err := readSecret(cmd.InOrStdin())
			if err != nil {
				return err
			}
			a, err := open(cmd)
			if err != nil {
				return err
			}
			defer a.Close()
			u, err := a.IAM.CreateUser(cmd.Context(), iam.NewUser{Username: username, Name: name, Password: pw, Admin: admin, Roles: roles})
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "user %s added (id %d)\n", u.Username, u.ID)
			return nil
		}}
	add.Flags().StringVar(&username, "username", "", "login name")
	add.Flags().StringVar(&name, "name", "", "display name")
	add.Flags().StringSliceVar(&roles, "role", nil, "role code (repeatable), e.g. ops_manager")
	add.Flags().BoolVar(&admin, "admin", false, "system administrator (every permission, all data)")
	add.Flags().BoolVar(&stdin, "password-stdin", false, "read the password from standard input")
	add.MarkFlagRequired("username")
	add.MarkFlagRequired("name")

	var resetUser string
	var resetStdin bool
	reset := &cobra.Command{Use: "reset-password", Short: "Set a new password (from standard input); the user's sessions end", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !resetStdin {
				return fmt.Errorf("give the password on standard input with --password-stdin")
			}
			pw, err := readSecret(cmd.InOrStdin())
			if err != nil {
				return err
			}
			a, err := open(cmd)
			if err != nil {
				return err
			}
			defer a.Close()
			if err := a.IAM.ResetPassword(cmd.Context(), resetUser, pw); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "password of %s changed\n", resetUser)
			return nil
		}}
	reset.Flags().StringVar(&resetUser, "username", "", "login name")
	reset.Flags().BoolVar(&resetStdin, "password-stdin", false, "read the password from standard input")
	reset.MarkFlagRequired("username")
	cmd.AddCommand(add, reset)
	return cmd
}

func shopCommand(open Opener) *cobra.Command {
	cmd := &cobra.Command{Use: "shop", Short: "Manage shops"}
	var sh org.Shop
	add := &cobra.Command{Use: "add", Short: "Add a shop", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := open(cmd)
			if err != nil {
				return err
			}
			defer a.Close()
			out, err := a.Org.CreateShop(cmd.Context(), sh)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "shop %s added (id %d)\n", out.Code, out.ID)
			return nil
		}}
	add.Flags().StringVar(&sh.Code, "code", "", "shop code, e.g. TM01")
	add.Flags().StringVar(&sh.Platform, "platform", "", "taobao|tmall|jd|pdd|douyin|kuaishou|other")
	add.Flags().StringVar(&sh.Name, "name", "", "shop name")
	for _, f := range []string{"code", "platform", "name"} {
		add.MarkFlagRequired(f)
	}
	cmd.AddCommand(add)
	return cmd
}

func demoCommand(open Opener) *cobra.Command {
	return &cobra.Command{Use: "demo", Short: "Load the demo company into an empty database", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := open(cmd)
			if err != nil {
				return err
			}
			defer a.Close()
			logins, err := a.LoadDemo(cmd.Context())
			if err != nil {
				return err
			}
			printLogins(cmd.OutOrStdout(), logins)
			return nil
		}}
}

func printLogins(w io.Writer, logins []org.DemoLogin) {
	fmt.Fprintf(w, "Demo data loaded. Demo logins (password %s for all; demo only):\n", org.DemoPassword)
	for _, l := range logins {
		fmt.Fprintf(w, "  %-10s %-12s %s\n", l.Username, l.Role, l.Name)
	}
}

func backupCommand(open Opener) *cobra.Command {
	var to string
	cmd := &cobra.Command{Use: "backup", Short: "Write a consistent copy of the SQLite database", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a, err := open(cmd)
			if err != nil {
				return err
			}
			defer a.Close()
			if a.DB.Kind == db.Postgres {
				return fmt.Errorf("this database is PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom --file=ecomops.dump %q", "DSN")
			}
			if _, err := os.Stat(to); err == nil {
				return fmt.Errorf("%s already exists; choose a new file name", to)
			}
			if err := os.MkdirAll(filepath.Dir(to), 0o750); err != nil {
				return err
			}
			// VACUUM INTO writes a transactionally consistent copy while the
			// server keeps running; a plain file copy of a WAL database may not be.
			if _, err := a.DB.W.ExecContext(cmd.Context(), "VACUUM INTO ?", to); err != nil {
				return fmt.Errorf("backup: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "backup written to %s\n", to)
			return nil
		}}
	cmd.Flags().StringVar(&to, "to", "", "backup file to create")
	cmd.MarkFlagRequired("to")
	return cmd
}
