# screen_check.sh - the screen audit's checks on one capture of the wizard
# (tmux capture-pane -p), for any terminal type. Sourced by t_screens.sh.
#
# The convention the wizard keeps, and these functions check:
#   - the capture has ROWS lines, none wider than COLS display columns;
#   - the last column is a margin that nothing is drawn in: text that does
#     not fit is cut before it, and ends in "…" (ui_put); text running off
#     the edge of the terminal would show up there;
#   - the last row is the status line (except on "Terminal too small"): a message or the key line, drawn
#     whole (a key line with "q quit" has it flush right), no overlay or
#     page text over it;
#   - an overlay (a box of │ … │) has a blank column either side of its
#     frame: nothing of the screen behind touches it;
#   - a page with lines below its last row says so ("↓ more below"), which
#     the callers check where a page is known to be longer than the screen;
#   - closing an overlay, the key help or the "too small" screen brings
#     back the screen exactly as it was (screen_same): no leftovers.
#
# Widths are measured with perl (\p{Ea=W}, \p{Ea=F}: two columns; \p{Mn}:
# none). Every function prints what is wrong, one line each, and returns 1
# when anything is.

# screen_audit FILE COLS ROWS
screen_audit() {
	perl -CSD -e '
		my ($file, $cols, $rows) = @ARGV;
		open(my $f, "<:encoding(UTF-8)", $file) or die "$file: $!\n";
		my @l = <$f>;
		chomp @l;
		my $bad = 0;
		sub width { my $w = 0; for (split //, $_[0]) { $w += /\p{Mn}/ ? 0 : /[\p{Ea=W}\p{Ea=F}]/ ? 2 : 1 } $w }
		sub bad { print "  $_[0]\n"; $bad = 1 }
		# capture-pane drops the blank rows at the bottom; never more rows.
		bad("$file: " . scalar(@l) . " lines for $rows rows") if @l > $rows;
		for my $i (0 .. $#l) {
			(my $t = $l[$i]) =~ s/\s+$//;
			my $w = width($t);
			bad("row $i is $w columns wide, wider than the terminal ($cols): $t") if $w > $cols;
			bad("row $i reaches the last column (cut at the edge?): $t") if $w == $cols;
			# Frames: the columns just outside a box are blank.
			while ($t =~ /(.)([│┌└])([^│┐┘]*)([│┐┘])(.)?/g) {
				my ($before, $after) = ($1, defined $5 ? $5 : " ");
				bad("row $i: the screen behind touches an overlay: $t")
					if $before ne " " || $after ne " ";
			}
		}
		my $s = @l == $rows ? $l[$rows - 1] : "";
		$s =~ s/\s+$//;
		if (@l && $l[0] =~ /^Terminal too small/) {
			# That screen has no status line: it says "press q to quit".
		} elsif ($s !~ /^ \S/) {
			bad("the status line (row " . ($rows - 1) . ") is blank or does not start at column 1: $s");
		} elsif ($s =~ /[│┌└┐┘─]/) {
			bad("the status line is overwritten by an overlay: $s");
		} elsif ($s =~ /  q quit$/ && width($s) != $cols - 1) {
			bad("the key line does not end at column " . ($cols - 2) . ": $s");
		}
		exit $bad;
	' "$1" "$2" "$3"
}

# screen_same BEFORE AFTER: the two captures are the same screen.
screen_same() {
	if cmp -s "$1" "$2"; then
		return 0
	fi
	echo "  the screen differs from before:"
	diff "$1" "$2" | sed 's/^/  | /' | head -20
	return 1
}

# screen_more FILE: the page says that lines lie below.
screen_more() {
	grep -qF "↓ more below" "$1" || { echo "  no '↓ more below' on $1"; return 1; }
}
