package shell

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// command is one dot-command. Its usage and help are what .help prints.
type command struct {
	name    string
	aliases []string
	usage   string // arguments, as .help shows them
	help    string // one line
	files   bool   // reads or writes files: refused when Safe is set
	run     func(s *Shell, ctx context.Context, c *cmdLine) error
}

// commands returns the dot-commands in the order .help lists them.
func commands() []command {
	return []command{
		{name: "backup", files: true, usage: "FILE", help: "Write the whole database to FILE, a file sqlite3 opens", run: (*Shell).cmdBackup},
		{name: "chart", usage: "[--svg FILE [--force]] [SQL | PRESET [ARG...]]", help: "Draw the last result (or the query's): bars, or columns over periods; --svg writes an SVG file", run: (*Shell).cmdChart},
		{name: "describe", usage: "TABLE", help: "Columns of TABLE with their descriptions from the data dictionary", run: (*Shell).cmdDescribe},
		{name: "export", files: true, usage: "FILE [--no-bom] [--force] SQL | PRESET [ARG...]", help: "Write a query's rows to FILE as CSV for spreadsheets (UTF-8 with BOM)", run: (*Shell).cmdExport},
		{name: "figure", usage: "ID", help: "One figure: its value, sentence and the source text around it", run: (*Shell).cmdFigure},
		{name: "headers", usage: "on|off", help: "Show or hide column names", run: (*Shell).cmdHeaders},
		{name: "help", usage: "[COMMAND]", help: "List the commands, or explain one", run: (*Shell).cmdHelp},
		{name: "mode", usage: "[MODE]", help: "Set the output mode: " + strings.Join(modeNames(), ", "), run: (*Shell).cmdMode},
		{name: "nullvalue", usage: "TEXT", help: "Show NULL as TEXT (json shows null)", run: (*Shell).cmdNullvalue},
		{name: "once", files: true, usage: "FILE", help: "Send the next result to FILE", run: (*Shell).cmdOnce},
		{name: "output", files: true, usage: "[FILE]", help: "Send results to FILE, or back to the screen without one", run: (*Shell).cmdOutput},
		{name: "preset", aliases: []string{"p"}, usage: "NAME [ARG | PARAM=VALUE]... [--sql]", help: "Run a preset query; --sql shows its SQL and bindings instead", run: (*Shell).cmdPreset},
		{name: "presets", help: "List the preset queries with their parameters", run: (*Shell).cmdPresets},
		{name: "quit", aliases: []string{"exit"}, help: "Leave the shell (Ctrl-D does too)", run: (*Shell).cmdQuit},
		{name: "read", files: true, usage: "FILE", help: "Run the statements and commands in FILE", run: (*Shell).cmdRead},
		{name: "save-preset", files: true, usage: "NAME SQL", help: "Keep SQL as your own preset NAME; $1, $2… take its arguments", run: (*Shell).cmdSavePreset},
		{name: "search", usage: "TEXT", help: "Sentences holding TEXT (full-text search), with their document and figures", run: (*Shell).cmdSearch},
		{name: "schema", usage: "[TABLE]", help: "Show the CREATE statements, of all tables or of TABLE", run: (*Shell).cmdSchema},
		{name: "sources", help: "The source files and the documents in them, with issuer and date", run: (*Shell).cmdSources},
		{name: "tables", help: "List the tables and views", run: (*Shell).cmdTables},
		{name: "timer", usage: "on|off", help: "Show how long each statement took", run: (*Shell).cmdTimer},
		{name: "verify", help: "Re-check figures against their source text, source hashes, schema and integrity", run: (*Shell).cmdVerify},
		{name: "width", usage: "[N|off]", help: "Cut cells wider than N columns with … in the table and box modes (default 60)", run: (*Shell).cmdWidth},
	}
}

// lookupCommand finds a command by name or alias.
func lookupCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name || slices.Contains(c.aliases, name) {
			return c, true
		}
	}
	return command{}, false
}

// cmdLine is a dot-command line cut into words.
type cmdLine struct {
	line  string
	name  string
	args  []string
	start []int // byte offset of each argument in line
}

// Rest returns the text of line from argument i on, as typed; when argument
// i is the last, its value without quotes, so that both
// `.export f.csv SELECT 1, 2` and `.export f.csv "SELECT 1, 2"` give the SQL.
func (c *cmdLine) Rest(i int) string {
	if i >= len(c.args) {
		return ""
	}
	if i == len(c.args)-1 {
		return c.args[i]
	}
	return strings.TrimSpace(c.line[c.start[i]:])
}

// parseCommand cuts a dot-command line into its name and arguments. An
// argument is a run of non-blank characters or a quoted string ("…" or '…');
// inside double quotes, \" and \\ stand for " and \.
func parseCommand(line string) (*cmdLine, error) {
	c := &cmdLine{line: line}
	i := 0
	var words []string
	var starts []int
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		start := i
		var b strings.Builder
		switch q := line[i]; q {
		case '"', '\'':
			i++
			closed := false
			for i < len(line) {
				ch := line[i]
				if ch == q {
					i++
					closed = true
					break
				}
				if q == '"' && ch == '\\' && i+1 < len(line) {
					i++
					ch = line[i]
				}
				b.WriteByte(ch)
				i++
			}
			if !closed {
				return nil, fmt.Errorf(errUnterminatedArg, line[start:])
			}
		default:
			for i < len(line) && line[i] != ' ' && line[i] != '\t' {
				b.WriteByte(line[i])
				i++
			}
		}
		words = append(words, b.String())
		starts = append(starts, start)
	}
	c.name = strings.TrimPrefix(words[0], ".")
	c.args = words[1:]
	c.start = starts[1:]
	return c, nil
}

// dot runs one dot-command line.
func (s *Shell) dot(ctx context.Context, line string) error {
	c, err := parseCommand(line)
	if err != nil {
		return err
	}
	cmd, ok := lookupCommand(c.name)
	if !ok {
		return fmt.Errorf(errUnknownCommand, "."+c.name)
	}
	if cmd.files && s.Safe {
		return fmt.Errorf(errSafeFiles, "."+cmd.name)
	}
	return cmd.run(s, ctx, c)
}

func usageError(name string) error {
	cmd, _ := lookupCommand(name)
	return fmt.Errorf(errUsage, strings.TrimSpace("."+cmd.name+" "+cmd.usage))
}

func (s *Shell) cmdHelp(_ context.Context, c *cmdLine) error {
	if len(c.args) > 1 {
		return usageError("help")
	}
	w := s.console()
	if len(c.args) == 1 {
		cmd, ok := lookupCommand(strings.TrimPrefix(c.args[0], "."))
		if !ok {
			return fmt.Errorf(errUnknownCommand, c.args[0])
		}
		fmt.Fprintf(w, ".%s %s\n    %s\n", cmd.name, cmd.usage, cmd.help)
		for _, a := range cmd.aliases {
			fmt.Fprintf(w, "    Also .%s.\n", a)
		}
		return nil
	}
	io.WriteString(w, helpIntro)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, cmd := range commands() {
		name := "." + cmd.name
		for _, a := range cmd.aliases {
			name += ", ." + a
		}
		fmt.Fprintf(tw, "%s %s\t%s\n", name, cmd.usage, cmd.help)
	}
	return tw.Flush()
}

// console is where command listings go: the .output file if one is set, else
// Out. (.once applies to query results only.)
func (s *Shell) console() io.Writer {
	if s.output != nil {
		return s.output
	}
	return s.Out
}

func (s *Shell) cmdMode(_ context.Context, c *cmdLine) error {
	switch len(c.args) {
	case 0:
		fmt.Fprintf(s.console(), msgMode, s.Format.Mode)
		return nil
	case 1:
	default:
		return usageError("mode")
	}
	m := strings.ToLower(c.args[0])
	switch m {
	case "tabs":
		m = "tsv"
	case "column":
		m = "table"
	}
	if !slices.Contains(modeNames(), m) {
		return fmt.Errorf(errUnknownMode, c.args[0], strings.Join(modeNames(), ", "))
	}
	s.Format.Mode = m
	return nil
}

func onOff(name string, c *cmdLine) (bool, error) {
	if len(c.args) != 1 {
		return false, usageError(name)
	}
	switch strings.ToLower(c.args[0]) {
	case "on", "yes", "1", "true":
		return true, nil
	case "off", "no", "0", "false":
		return false, nil
	}
	return false, fmt.Errorf(errOnOff, "."+name, c.args[0])
}

func (s *Shell) cmdHeaders(_ context.Context, c *cmdLine) error {
	v, err := onOff("headers", c)
	if err == nil {
		s.Format.Headers = v
	}
	return err
}

func (s *Shell) cmdTimer(_ context.Context, c *cmdLine) error {
	v, err := onOff("timer", c)
	if err == nil {
		s.Timer = v
	}
	return err
}

func (s *Shell) cmdNullvalue(_ context.Context, c *cmdLine) error {
	if len(c.args) != 1 {
		return usageError("nullvalue")
	}
	s.Format.Null = c.args[0]
	return nil
}

func (s *Shell) cmdQuit(_ context.Context, c *cmdLine) error {
	if len(c.args) != 0 {
		return usageError("quit")
	}
	s.quit = true
	return nil
}

func (s *Shell) cmdOutput(_ context.Context, c *cmdLine) error {
	if len(c.args) > 1 {
		return usageError("output")
	}
	if s.output != nil {
		err := s.output.Close()
		s.output = nil
		if err != nil {
			return fmt.Errorf("close output file: %w", err)
		}
	}
	if len(c.args) == 0 || c.args[0] == "stdout" {
		return nil
	}
	f, err := os.Create(c.args[0])
	if err != nil {
		return fmt.Errorf(".output: %w", err)
	}
	s.output = f
	return nil
}

func (s *Shell) cmdOnce(_ context.Context, c *cmdLine) error {
	if len(c.args) != 1 {
		return usageError("once")
	}
	s.closeOnce()
	f, err := os.Create(c.args[0])
	if err != nil {
		return fmt.Errorf(".once: %w", err)
	}
	s.once = f
	return nil
}

// readDepthMax bounds .read nesting, so a script that reads itself stops.
const readDepthMax = 16

func (s *Shell) cmdRead(ctx context.Context, c *cmdLine) error {
	if len(c.args) != 1 {
		return usageError("read")
	}
	if s.depth >= readDepthMax {
		return fmt.Errorf(errReadDepth, readDepthMax)
	}
	f, err := os.Open(c.args[0])
	if err != nil {
		return fmt.Errorf(".read: %w", err)
	}
	defer f.Close()
	s.depth++
	defer func() { s.depth-- }()
	quit := s.quit
	err = s.RunScript(ctx, f)
	s.quit = quit || s.quit
	if err != nil {
		return fmt.Errorf(".read %s: %w", c.args[0], err)
	}
	return nil
}

func (s *Shell) cmdWidth(_ context.Context, c *cmdLine) error {
	switch len(c.args) {
	case 0:
		if s.Format.MaxWidth == 0 {
			fmt.Fprintln(s.console(), msgWidthOff)
		} else {
			fmt.Fprintf(s.console(), msgWidth, s.Format.MaxWidth)
		}
		return nil
	case 1:
	default:
		return usageError("width")
	}
	if a := strings.ToLower(c.args[0]); a == "off" || a == "0" {
		s.Format.MaxWidth = 0
		return nil
	}
	n, err := strconv.Atoi(c.args[0])
	if err != nil || n < minCellWidth {
		return fmt.Errorf(errBadWidth, c.args[0], minCellWidth)
	}
	s.Format.MaxWidth = n
	return nil
}
