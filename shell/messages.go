package shell

// Every message the shell shows a person is here, so wording stays consistent
// and can be reviewed in one place. Format verbs are documented beside each.

const (
	// Prompts.
	msgPrompt         = "mediq> "
	msgContinuePrompt = "  ...> "

	// msgBanner is printed when the interactive shell starts: version.
	msgBanner = "mediq %s — SQL shell on the embedded healthcare-reform figures.\nEnter \".help\" for usage hints, \".presets\" for ready-made queries, Ctrl-D to quit.\n"

	// msgMode answers .mode without an argument: mode.
	msgMode = "current output mode: %s\n"

	// msgTimer follows each statement while .timer is on: seconds.
	msgTimer = "Run Time: real %.3f s\n"

	// msgCancelled is printed when Ctrl-C stopped a running statement.
	msgCancelled = "Query cancelled."

	// msgErrorLine prefixes an error in a script: line number, message.
	msgErrorLine = "Error: near line %d: %s\n"
	// msgError prefixes an error at the interactive prompt: message.
	msgError = "Error: %s\n"
	// msgErrorHere marks where SQLite found an error: indent, caret line.
	msgErrorHere = "\n  %s\n  %s^--- error here"

	// Confirmations go to Err, so that results on Out stay clean for programs.

	// msgSearchUsage answers .search without text to look for.
	msgSearchUsage = "usage: .search TEXT — give Chinese text, a word or a number to look for"

	// msgExported reports a finished .export: "5 rows", file.
	msgExported = "Wrote %s to %s.\n"
	// msgBackedUp reports a finished .backup: file.
	msgBackedUp = "Wrote the database to %s.\n"
	// msgSavedPreset reports a finished .save-preset: name, file.
	msgSavedPreset = "Saved preset %q in %s; run it with .preset %s.\n"
	// msgWidth answers .width without an argument: columns.
	msgWidth = "cells wider than %d columns are cut with … in the table and box modes\n"
	// msgWidthOff answers .width when cells are not cut.
	msgWidthOff = "cells are shown whole in every mode (.width off)"
	// msgChartWritten reports a finished .chart --svg: file.
	msgChartWritten = "Wrote the chart to %s.\n"
	// msgHistoryUnavailable warns once that history cannot be kept: error.
	msgHistoryUnavailable = "warning: history will not be kept: %v\n"
)

// Errors: each says what went wrong and what to do about it.
const (
	errUnknownCommand     = "unknown command %q; enter .help for the list of commands"
	errUsage              = "usage: %s"
	errUnknownMode        = "unknown mode %q; choose one of: %s"
	errOnOff              = "%s wants on or off, not %q"
	errNoSuchTable        = "no such table: %s; enter .tables to list them"
	errNoSuchFigure       = "no figure with id %s; ids come from the id column of figures"
	errBadFigureID        = "figure id %q is not a number; try .figure 1"
	errUnknownPreset      = "no preset named %q; enter .presets to list them"
	errPresetArgs         = "preset %s takes %s (%s), got %d; enter .presets to see them"
	errPresetNoDefault    = "preset %s needs a value for %s (%s): .preset %s VALUE"
	errPresetParamName    = "preset %s has no parameter %q; its parameters are: %s"
	errFileExists         = "%s already exists; add --force to overwrite it"
	errExportNothing      = "nothing to export: give a query or a preset after the file name, e.g. .export out.csv SELECT * FROM figures"
	errPresetExists       = "a shipped preset is already named %q; choose another name"
	errPresetName         = "preset name %q must be letters, digits, - or _"
	errConfigDir          = "cannot find your config directory (set $XDG_CONFIG_HOME or $HOME): %v"
	errReadPresets        = "read your presets in %s: %v; fix or remove that file"
	errReadDepth          = ".read nests too deep (over %d levels); does a script read itself?"
	errBail               = "stopped at the first error (-bail)"
	errUnterminatedArg    = "unterminated quote in %q"
	errNoOutputFile       = "%s needs a file name"
	errExportSQLOnly      = "only a query that returns rows can be exported"
	errSafeFiles          = "%s reads or writes files, which -safe does not allow"
	errScriptFailed       = "the script had errors (see above)"
	errInvalidPresetSQL   = "the SQL of preset %s does not compile: %v"
	errPresetUnknownValue = "preset %s: %s %q matches nothing in the database (it should be %s); %s"
	errBadWidth           = ".width wants a number of columns (at least %[2]d) or off, not %[1]q"
	errChartNothing       = "nothing to chart yet: run a query first, e.g. .preset series vbp_drugs, then .chart"
	errChartEmpty         = "the last result has no rows to chart"
	errChartColumns       = "a chart needs a label column and a number column; the last result has one column"
	errChartNoNumbers     = "the last result (%s) has no column of numbers to chart besides ids; select a label and a number, e.g. SELECT unit, count(*) FROM figures GROUP BY unit"
)

// helpIntro heads the output of .help.
const helpIntro = `Enter SQL statements ending with ";" (they may span lines) or one of these
dot-commands on a line of its own. Strings with spaces are quoted: "like this".
`
