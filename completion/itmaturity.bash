# itmaturity(1) completion for bash (installed by 'make install' and the
# Debian package). The words come from the binary being completed:
# 'itmaturity __complete KIND' lists commands, options, option values,
# organisations, assessment and action ids, the questions 'plan add' takes
# (from the database of --db on the line,
# $ITMATURITY_DB or the default, opened read-only), questionnaire ids and
# question ids. Written for bash 4 or later; zsh's bashcompinit is not
# tested with it.

# The word as the shell will read it: without the quotes or backslashes
# typed so far (a partial "Bakkerij J or Bakkerij\ J).
_itmaturity_dequote()
{
	local w=$1 out="" i
	case $w in
	\"*) w=${w#\"}; printf '%s' "${w%\"}"; return ;;
	\'*) w=${w#\'}; printf '%s' "${w%\'}"; return ;;
	esac
	for ((i = 0; i < ${#w}; i++)); do
		if [[ ${w:i:1} == \\ ]]; then
			((i++))
		fi
		out+=${w:i:1}
	done
	printf '%s' "$out"
}

# Adds to COMPREPLY each line of 'itmaturity __complete ARGS' that starts
# with $cur. Matched in bash, never through 'compgen -W', which would
# expand a name such as $(cmd).
_itmaturity_add()
{
	local w
	while IFS= read -r w; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
	done < <("${itm[@]}" __complete "$@" 2>/dev/null)
}

# Adds the files and folders that start with $cur; with "yaml", only the
# files named *.yaml or *.yml. The shell then quotes them itself.
_itmaturity_files()
{
	local w
	files=1
	while IFS= read -r w; do
		[[ -d $w || $1 != yaml || $w == *.yaml || $w == *.yml ]] && COMPREPLY+=("$w")
	done < <(compgen -f -- "$cur")
}

_itmaturity()
{
	local -a itm
	local raw=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cur cmd="" sub="" org="" n=0 i w files=0
	# "--format=m": bash splits the word at "=" (COMP_WORDBREAKS).
	if [[ $raw == = ]]; then
		raw=""
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	cur=$(_itmaturity_dequote "$raw")
	# The binary being completed (./itmaturity in a source tree) gives the words.
	itm=("$(_itmaturity_dequote "${COMP_WORDS[0]}")")
	# shellcheck disable=SC2088  # a literal ~/ typed on the line
	[[ ${itm[0]} == "~/"* ]] && itm[0]=$HOME/${itm[0]#"~/"}
	COMPREPLY=()
	# The command, its subcommand, the operands before this word, and the
	# database named on the line.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		# An option's value follows it, or "=" and then it.
		[[ ${COMP_WORDS[i + 1]} == = ]] && ((i + 2 < COMP_CWORD)) && ((i++))
		case $w in
		--db)
			((i + 1 < COMP_CWORD)) && itm+=(--db "$(_itmaturity_dequote "${COMP_WORDS[i + 1]}")")
			((i++)) ;;
		--org)
			((i + 1 < COMP_CWORD)) && org=$(_itmaturity_dequote "${COMP_WORDS[i + 1]}")
			((i++)) ;;
		--respondent | --role | --date | --today | --limit | --status | \
		-q | --questionnaire | -a | --answers | -f | --format | -o | --output | \
		--to | --owner | --due | --note | --reason | --top | --lang)
			((i++)) ;;
		=) ;;
		-*) ;;
		*)
			if [[ -z $cmd ]]; then
				cmd=$w
			else
				[[ -z $sub ]] && sub=$w
				((n++))
			fi ;;
		esac
	done

	case $prev in
	--db | -a | --answers | -o | --output)
		_itmaturity_files ;;
	--org)
		_itmaturity_add orgs ;;
	-q | --questionnaire)
		_itmaturity_add questionnaires
		_itmaturity_files yaml ;;
	-f | --format)
		_itmaturity_add values "$cmd" --format ;;
	--status)
		_itmaturity_add values "$cmd" --status ;;
	--size)
		_itmaturity_add values "$cmd" --size ;;
	--lang)
		_itmaturity_add languages ;;
	--respondent | --role | --date | --today | --limit | --to | --owner | --due | --note | --reason | --top)
		;;
	*)
		if [[ $cur == -* ]]; then
			_itmaturity_add options ${cmd:+"$cmd"}
		elif [[ -z $cmd ]]; then
			_itmaturity_add commands
		else
			case $cmd,$n in
			help,0) _itmaturity_add commands ;;
			validate,*) _itmaturity_files yaml ;;
			questionnaire,0) [[ show == "$cur"* ]] && COMPREPLY=(show) ;;
			questionnaire,1)
				_itmaturity_add questionnaires
				_itmaturity_files yaml ;;
			report,0)
				[[ latest == "$cur"* ]] && COMPREPLY=(latest)
				_itmaturity_add assessments ;;
			compare,[01] | delete,0) _itmaturity_add assessments ;;
			backup,0 | import,0) _itmaturity_files ;;
			orgs,0)
				for w in list add rename target interval size; do
					[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
				done ;;
			orgs,1)
				case $sub in rename | target | interval | size) _itmaturity_add orgs ;; esac ;;
			orgs,2)
				[[ $sub == size ]] && _itmaturity_add values "$cmd" "$sub" ;;
			plan,0)
				for w in list add done drop edit; do
					[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
				done ;;
			plan,1)
				case $sub in
				add) _itmaturity_add plan-questions ${org:+"$org"} ;;
				done | drop | edit) _itmaturity_add actions ;;
				esac ;;
			esac
		fi ;;
	esac

	if ((files)); then
		compopt -o filenames 2>/dev/null
	elif [[ $raw != [\"\']* ]]; then
		# Typed without quotes: a name with spaces goes in escaped.
		for ((i = 0; i < ${#COMPREPLY[@]}; i++)); do
			COMPREPLY[i]=$(printf '%q' "${COMPREPLY[i]}")
		done
	fi
}
complete -F _itmaturity itmaturity
