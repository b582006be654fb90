# SPDX-License-Identifier: GPL-3.0-or-later
# morketall.bash - bash completion for the mse-* tools and mse-batch: long
# options, file names, and the words of the options that take one of a few.
#
# bash-completion loads a completion by the command's name, so make install
# puts this file in its completions directory as mse-fit and links every
# other tool's name to it; sourcing it once completes all of them.
#
# Each tool's options are written here as its --help prints them: S:NAME
# for -S, --NAME, and a trailing = when it takes a value.
# tests/cli/completion.sh checks every list against --help, both ways, so
# an option added to a tool and not here fails the tests.

_mse_opts_fit='B:replicates= D:digits= L:level= M:model= V:version absent=
alpha-prior= b:bias-corrected burnin= by= c:ci= cache= chains= check-options
classes= covariates= d:delimiter= delta= disperse= draws= f:format= graphs= h:help
imputation= iterations= l:lists= lcmcr m:method= max-iterations= max-models= max-order= max-seconds= max-sweeps= nmax=
nmin= o:output= posterior=
prior= prior-n= resample= s:select= samples= seed= start= step= subgroups= t0=
t:occasions= terms= thin= threads= threshold= top= trend= within=
write-replicates='
_mse_opts_models='D:digits= L:level= V:version absent= by= c:ci= covariates=
d:delimiter= f:format= h:help l:lists= max-order= max-seconds= o:output=
sort= top= trend='
_mse_opts_import='R:rename= V:version b:by= d:delimiter= f:format= h:help
i:id= l:lists= m:merge= o:output= r:reported-by= x:drop='
_mse_opts_sim='C:class= H:heterogeneity= M:model= V:version absent= b:by= f:format=
h:help l:lists= missing= n:size= o:output= r:records s:seed= t:truth'
_mse_opts_describe='D:digits= V:version d:delimiter= f:format= h:help
o:output='
_mse_opts_table='C:caption= D:digits= H:header= I:interval= T:title=
V:version c:columns= d:delimiter= f:format= h:help o:output= p:decimal=
r:round= t:thousands= text='
_mse_opts_plot='L:level= S:size= T:title= V:version X:xlabel= Y:ylabel= bars
bins= d:delimiter= fit= group= h:help identified= k:kind= label= lower= mark=
o:output= s:script t:terminal= top= upper= x= y='
_mse_opts_counts='D:digits= V:version b:dimension= d:delimiter=
e:estimates= f:format= h:help m:measure= o:output= q:quiet s:strict w:wide'
_mse_opts_prevalence='D:digits= P:population-column= V:version c:count=
d:delimiter= f:format= h:help i:index= k:keys= lower= n:per= o:output=
p:population= r:rank upper='
_mse_opts_check='B:replicates= D:digits= L:level= M:model= V:version alpha=
b:bias-corrected by= c:ci= check-options criterion= d:delimiter= delta=
f:format= h:help l:lists= m:method= max-odds-ratio= max-order= moves=
o:output= p:part= s:select= seed= subsets threshold='
_mse_opts_batch='S:sshlogin= V:version c:config= h:help j:jobs= l:log=
n:dry-run p:print-summary'

# The option list of tool $1.
_mse_options() {
	local v=_mse_opts_${1#mse-}
	[[ $1 == mse-* && ${1#mse-} =~ ^[a-z]+$ ]] || return 1
	printf '%s\n' ${!v}
}

# The words for the value of option $2 (its long name) of tool $1.
# Status 1: complete file names instead; 2: nothing to offer.
_mse_values() {
	case $1:$2 in
	mse-sim:format) echo 'text csv tsv json' ;;
	*:format) echo 'text csv tsv json md latex html' ;;
	*:delimiter) echo ', \; tab' ;;
	mse-fit:method)
		echo 'loglinear petersen chapman chao zelterman M0 Mt Mb Mbh' \
		    'Mh-chao Mh-poisson Mh-darroch Mh-gamma Mth-chao' \
		    'Mth-poisson Mth-darroch Mth-gamma closed lcm dga' \
		    'bayesthresh' ;;
	mse-check:method)
		echo 'loglinear petersen chapman chao zelterman M0 Mt Mb Mbh' \
		    'Mh-chao Mh-poisson Mh-darroch Mh-gamma Mth-chao' \
		    'Mth-poisson Mth-darroch Mth-gamma lcm dga' ;;
	mse-fit:select) echo 'stepwise aic bic aicc path none' ;;
	mse-check:select) echo 'stepwise aic bic aicc none' ;;
	mse-check:ci) echo 'lognormal wald conditional profile' ;;
	mse-check:part)
		echo 'lolo sensitivity cells fit bounds spread verdict all' ;;
	mse-check:criterion) echo 'aic bic aicc' ;;
	mse-fit:ci) echo 'lognormal wald conditional profile bootstrap' ;;
	mse-models:ci) echo 'lognormal wald conditional' ;;
	mse-fit:resample) echo 'units parametric' ;;
	mse-fit:graphs) echo 'all mcmc' ;;
	mse-fit:prior-n) echo '1/N uniform negbin:' ;;
	mse-fit:prior) echo 'proper improper' ;;
	mse-fit:start) echo 'alike lists' ;;
	mse-models:sort) echo 'bic aic aicc none' ;;
	mse-plot:kind)
		echo 'trend models overlap lists bootstrap prevalence posterior' \
		    'sensitivity' ;;
	mse-plot:terminal)
		echo 'pngcairo png svg pdfcairo cairolatex epslatex dumb' ;;
	mse-table:decimal) echo '. ,' ;;
	*:output|*:draws|*:write-replicates|*:estimates|*:population|\
	*:index|*:config|*:log|mse-plot:fit|mse-fit:posterior|mse-fit:terms)
		return 1 ;;
	*) return 2 ;;
	esac
}

# The option entry (S:NAME or NAME, with = if it takes a value) of word $2
# (--NAME or -S) of tool $1.
_mse_option_entry() {
	local e
	for e in $(_mse_options "$1"); do
		case $2 in
		--?*) [[ ${e#?:} == "${2#--}" || ${e#?:} == "${2#--}=" ]] ;;
		-?) [[ $e == "${2#-}:"* ]] ;;
		*) false ;;
		esac && { printf '%s\n' "$e"; return 0; }
	done
	return 1
}

# COMPREPLY: the words of $2 (space-separated) that begin with $1, each
# after the prefix $3.
_mse_reply() {
	local w
	for w in $2; do
		[[ $w == "$1"* ]] && COMPREPLY+=("$3$w")
	done
}

_mse_complete() {
	local tool=${COMP_WORDS[0]##*/} cur=${COMP_WORDS[COMP_CWORD]} opt=
	local prefix= entry values i=$COMP_CWORD rc
	COMPREPLY=()
	# --NAME=VALUE: one word, or three when '=' breaks words (the default
	# COMP_WORDBREAKS), as --NAME, = and VALUE.
	if [[ $cur == --*=* ]]; then
		opt=${cur%%=*} prefix=$opt= cur=${cur#*=}
	elif [[ $cur == = ]] && ((i > 1)); then
		opt=${COMP_WORDS[i - 1]} cur=
	elif ((i > 2)) && [[ ${COMP_WORDS[i - 1]} == = ]]; then
		opt=${COMP_WORDS[i - 2]}
	elif ((i > 1)) && [[ ${COMP_WORDS[i - 1]} == -* ]]; then
		opt=${COMP_WORDS[i - 1]}
		entry=$(_mse_option_entry "$tool" "$opt") && [[ $entry == *= ]] ||
		    opt=
	fi
	if [ -n "$opt" ]; then
		entry=$(_mse_option_entry "$tool" "$opt") || return 0
		[[ $entry == *= ]] || return 0
		entry=${entry%=}
		values=$(_mse_values "$tool" "${entry#?:}")
		rc=$?
		if [ $rc -eq 0 ]; then
			_mse_reply "$cur" "$values" "$prefix"
		elif [ $rc -eq 1 ]; then
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -f -- "$cur"))
		fi
		return 0
	fi
	if [[ $cur == -* ]]; then
		for entry in $(_mse_options "$tool"); do
			entry=${entry%=}
			[[ --${entry#?:} == "$cur"* ]] &&
			    COMPREPLY+=("--${entry#?:}")
		done
		return 0
	fi
	compopt -o filenames 2>/dev/null
	if [ "$tool" = mse-batch ]; then
		COMPREPLY=($(compgen -d -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

complete -F _mse_complete mse-fit mse-models mse-import mse-sim \
    mse-describe mse-table mse-plot mse-counts mse-prevalence mse-batch \
    mse-check
