/* framework.c - the control catalogue and the syntax of framework
 * references. Sources (ids and key-measure flags; the titles are our own
 * paraphrases): CCB, CyberFundamentals Framework 2023-03-01, the BASIC
 * requirements (BASIC_ prefix left off); NCSC, Cyber Essentials:
 * Requirements for IT infrastructure v3.1, the five technical control
 * themes. The titles hold no character that Markdown, HTML or CSV would
 * take for markup (test_framework checks), so reports write them as
 * they are; the titles are marked for translation (N_) and translated
 * where a report prints them, their translations as free of markup. */
#include "itmaturity/framework.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "itmaturity/i18n.h"
#include "itmaturity/util.h"

static const struct fw_control cyfun[] = {
	{ "ID.AM-1.1", N_("Keep an inventory of the devices and other information assets"), false },
	{ "ID.AM-2.1", N_("Keep an inventory of the software and applications in use"), false },
	{ "ID.AM-3.1", N_("Know what information the organisation keeps and uses"), false },
	{ "ID.AM-5.1", N_("Rank resources by how critical and valuable they are"), false },
	{ "ID.GV-1.1", N_("Have approved, maintained security policies and procedures"), false },
	{ "ID.GV-3.1", N_("Know and meet legal, regulatory and privacy obligations"), false },
	{ "ID.GV-4.1", N_("Treat security risk as part of overall risk management"), false },
	{ "ID.RA-1.1", N_("Identify threats and weaknesses"), false },
	{ "ID.RA-5.1", N_("Weigh risks by threat, weakness and business impact"), false },
	{ "PR.AC-1.1", N_("Manage the identities and credentials of users and devices"), true },
	{ "PR.AC-2.1", N_("Control physical access to offices, servers and network equipment"), false },
	{ "PR.AC-3.1", N_("Secure the wireless access points"), false },
	{ "PR.AC-3.2", N_("Secure remote access to the network, with MFA"), true },
	{ "PR.AC-4.1", N_("Define and manage who may use which systems"), true },
	{ "PR.AC-4.2", N_("Decide who may reach critical information, and how"), true },
	{ "PR.AC-4.3", N_("Give staff only the access to data their work needs"), true },
	{ "PR.AC-4.4", N_("Use no administrator rights for everyday work"), true },
	{ "PR.AC-5.1", N_("Have firewalls installed and switched on for every network"), true },
	{ "PR.AC-5.2", N_("Separate critical systems into their own network segments"), true },
	{ "PR.AT-1.1", N_("Train staff in security to suit their work"), false },
	{ "PR.DS-3.1", N_("Dispose of devices and storage media securely"), false },
	{ "PR.IP-4.1", N_("Back up critical data to a separate system"), true },
	{ "PR.IP-11.1", N_("Screen the people who handle the most critical assets"), false },
	{ "PR.MA-1.1", N_("Install security updates for systems and critical components"), true },
	{ "PR.PT-1.1", N_("Keep, document and review logs"), true },
	{ "PR.PT-4.1", N_("Filter web and e-mail traffic"), false },
	{ "DE.AE-3.1", N_("Switch on, keep and review the logs of security tools"), true },
	{ "DE.CM-1.1", N_("Firewalls at the network edge and on every device"), false },
	{ "DE.CM-3.1", N_("Use tools on devices and the network to spot risky behaviour"), false },
	{ "DE.CM-4.1", N_("Have anti-malware installed and kept up to date"), true },
	{ "RS.RP-1.1", N_("Follow a defined incident response with clear roles"), false },
	{ "RS.CO-3.1", N_("Tell staff about incidents in plain words"), false },
	{ "RS.IM-1.1", N_("Review incidents afterwards and learn from them"), false },
	{ "RC.RP-1.1", N_("Have and run a recovery plan for disasters and incidents"), false },
};

static const struct fw_control cyber_essentials[] = {
	{ "CE-firewalls", N_("Firewalls guard the internet edge of every device"), false },
	{ "CE-secure-configuration", N_("Devices and software set up securely, defaults changed"), false },
	{ "CE-security-update-management", N_("Supported software, security updates installed promptly"),
	  false },
	{ "CE-user-access-control", N_("Accounts and rights only as needed, administrators kept apart"),
	  false },
	{ "CE-malware-protection", N_("Malware stopped by anti-malware or allowed applications only"),
	  false },
};

const struct fw_framework fw_frameworks[FW_N_FRAMEWORKS] = {
	[FW_CYFUN_BASIC] = { "cyfun-basic", N_("CyberFundamentals 2023, BASIC level (CCB)"), "CyFun ",
			     cyfun, ARRAY_LEN(cyfun) },
	[FW_CYBER_ESSENTIALS] = { "cyber-essentials", N_("Cyber Essentials v3.1 (NCSC)"), "",
				  cyber_essentials, ARRAY_LEN(cyber_essentials) },
};

bool fw_find(const char *ref, size_t *fw, size_t *control)
{
	for (size_t f = 0; f < FW_N_FRAMEWORKS; f++) {
		const struct fw_framework *w = &fw_frameworks[f];
		size_t n = strlen(w->prefix);
		if (strncmp(ref, w->prefix, n) != 0)
			continue;
		for (size_t c = 0; c < w->n_controls; c++)
			if (strcmp(ref + n, w->controls[c].id) == 0) {
				*fw = f;
				*control = c;
				return true;
			}
	}
	return false;
}

/* S at *P: one or two digits, the first not 0. */
static bool number(const char **p)
{
	const char *s = *p;
	if (!isdigit((unsigned char)s[0]) || s[0] == '0')
		return false;
	*p = s + (isdigit((unsigned char)s[1]) ? 2 : 1);
	return true;
}

/* ID: a CyFun id, "PR.AC-3.2" or "PR.IP-4". */
static bool cyfun_syntax(const char *id)
{
	static const char *const functions[] = { "ID.", "PR.", "DE.", "RS.", "RC." };
	bool ok = false;
	for (size_t i = 0; i < ARRAY_LEN(functions); i++)
		ok |= strncmp(id, functions[i], 3) == 0;
	if (!ok || !isupper((unsigned char)id[3]) || !isupper((unsigned char)id[4]) || id[5] != '-')
		return false;
	const char *p = id + 6;
	if (!number(&p))
		return false;
	if (*p == '.') {
		p++;
		if (!number(&p))
			return false;
	}
	return *p == '\0';
}

bool fw_ref_check(const char *ref, char *why, size_t size)
{
	const struct fw_framework *w = &fw_frameworks[FW_CYFUN_BASIC];
	size_t f, c, n = strlen(w->prefix);
	if (strncmp(ref, w->prefix, n) == 0 && !cyfun_syntax(ref + n)) {
		/* TRANSLATORS: follows "FILE:LINE:COL: QUESTION: reference 'REF' ", in
		 * the questionnaire loader's message. */
		snprintf(why, size, "%s", _("is not a CyFun id (like 'CyFun PR.AC-3.2' or 'CyFun PR.IP-4')"));
		return false;
	}
	if (strncmp(ref, "CE-", 3) == 0 && !(fw_find(ref, &f, &c) && f == FW_CYBER_ESSENTIALS)) {
		w = &fw_frameworks[FW_CYBER_ESSENTIALS];
		/* TRANSLATORS: as above; the themes' ids follow, in brackets. */
		int m = snprintf(why, size, "%s (", _("is not a Cyber Essentials theme"));
		for (c = 0; c < w->n_controls && m >= 0 && (size_t)m < size; c++)
			m += snprintf(why + m, size - (size_t)m, "%s%s", c ? ", " : "", w->controls[c].id);
		if (m >= 0 && (size_t)m < size)
			snprintf(why + m, size - (size_t)m, ")");
		return false;
	}
	return true;
}

const char *fw_status_name(enum fw_status s)
{
	static const char *const names[FW_N_STATUSES] = {
		"met", "partly", "not_met", "unknown", "not_covered",
	};
	return s < FW_N_STATUSES ? names[s] : "?";
}

const char *fw_status_words(enum fw_status s)
{
	/* TRANSLATORS: where an assessment stands against a framework's
	 * control. */
	static const char *const words[FW_N_STATUSES] = {
		N_("met"), N_("partly met"), N_("not met"), N_("unknown"), N_("not covered"),
	};
	return s < FW_N_STATUSES ? _(words[s]) : "?";
}
