/* test_util.c - the calendar dates, the bump arena and the growing array.
 *
 * Dates: tables of valid and invalid dates (leap years by the 4/100/400
 * rule, every month's last day and the day after it, the format), days
 * since the epoch against known values and day by day over two centuries,
 * adding months forwards and backwards with the day clamped, and today's
 * date in two time zones 26 hours apart. */
#include "testutil.h"

#include <stdint.h>
#include <time.h>

struct valid_case {
	const char *date;
	bool valid;
};

static void test_date_valid(void **state)
{
	(void)state;
	static const struct valid_case cases[] = {
		/* Leap years: divisible by 4, except centuries not divisible by 400. */
		{ "2024-02-29", true }, { "2023-02-29", false }, { "2000-02-29", true },
		{ "1900-02-29", false }, { "2100-02-29", false }, { "2400-02-29", true },
		{ "2024-02-30", false }, { "1996-02-29", true }, { "1999-02-29", false },
		/* Month and day bounds. */
		{ "2024-00-10", false }, { "2024-13-01", false }, { "2024-01-00", false },
		{ "2024-01-32", false }, { "2024-99-99", false },
		/* Years 1900-9999. */
		{ "1899-12-31", false }, { "1900-01-01", true }, { "9999-12-31", true },
		{ "0000-01-01", false },
		/* The format: exactly YYYY-MM-DD, digits only. */
		{ "2024-1-01", false }, { "2024-01-1", false }, { "24-01-01", false },
		{ "2024/01/01", false }, { "2024-01-01 ", false }, { " 2024-01-01", false },
		{ "2024-01-0a", false }, { "+024-01-01", false }, { "-024-01-01", false },
		{ "2024-+1-01", false }, { "2024-01--1", false }, { "20240101--", false },
		{ "", false }, { "2024-01-01T00:00", false },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		if (date_valid(cases[i].date) != cases[i].valid)
			fail_msg("date_valid(\"%s\") should be %s", cases[i].date,
				 cases[i].valid ? "true" : "false");
	}
	/* Every month's last day is valid, the day after it is not. */
	static const int last[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (int m = 1; m <= 12; m++) {
		char d[40];
		snprintf(d, sizeof(d), "2023-%02d-%02d", m, last[m - 1]);
		assert_true(date_valid(d));
		snprintf(d, sizeof(d), "2023-%02d-%02d", m, last[m - 1] + 1);
		assert_false(date_valid(d));
	}
}

struct days_case {
	const char *date;
	long days;
};

static void test_date_days(void **state)
{
	(void)state;
	static const struct days_case cases[] = {
		{ "1970-01-01", 0 },      { "1970-01-02", 1 },      { "1969-12-31", -1 },
		{ "1900-01-01", -25567 }, { "2000-02-29", 11016 },  { "2000-03-01", 11017 },
		{ "2024-02-29", 19782 },  { "2038-01-19", 24855 },  { "9999-12-31", 2932896 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		if (date_days(cases[i].date) != cases[i].days)
			fail_msg("date_days(\"%s\") = %ld, expected %ld", cases[i].date,
				 date_days(cases[i].date), cases[i].days);
	}
	/* Day by day from 1900 to 2100: every valid date is one day after the
	 * valid date before it, and there are 365 or 366 a year. */
	long prev = date_days("1899-12-31"), count = 0;
	for (int y = 1900; y <= 2100; y++) {
		long year_start = count;
		for (int m = 1; m <= 12; m++) {
			for (int day = 1; day <= 31; day++) {
				char d[40];
				snprintf(d, sizeof(d), "%04d-%02d-%02d", y, m, day);
				if (!date_valid(d))
					continue;
				long n = date_days(d);
				if (n != prev + 1)
					fail_msg("%s: %ld days, the day before %ld", d, n, prev);
				prev = n;
				count++;
			}
		}
		bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		assert_int_equal(count - year_start, leap ? 366 : 365);
	}
}

struct months_case {
	const char *date;
	int months;
	const char *want;
};

static void test_date_add_months(void **state)
{
	(void)state;
	static const struct months_case cases[] = {
		{ "2024-05-10", 0, "2024-05-10" },
		{ "2024-01-15", 3, "2024-04-15" },
		{ "2024-05-10", 12, "2025-05-10" },
		{ "2024-12-31", 1, "2025-01-31" },
		{ "2024-10-15", 3, "2025-01-15" },
		{ "2099-12-01", 60, "2104-12-01" },
		/* The day clamped to the month's length, leap years included. */
		{ "2024-01-31", 1, "2024-02-29" },
		{ "2023-01-31", 1, "2023-02-28" },
		{ "2000-01-31", 1, "2000-02-29" },
		{ "1900-01-31", 1, "1900-02-28" },
		{ "2024-03-31", 1, "2024-04-30" },
		{ "2024-11-30", 3, "2025-02-28" },
		{ "2024-02-29", 12, "2025-02-28" },
		{ "2024-02-29", 48, "2028-02-29" },
		{ "2024-08-31", 1, "2024-09-30" },
		/* Backwards, across the year. */
		{ "2024-03-31", -1, "2024-02-29" },
		{ "2024-01-15", -1, "2023-12-15" },
		{ "2024-01-15", -12, "2023-01-15" },
		{ "2024-01-15", -13, "2022-12-15" },
		{ "2024-12-31", -10, "2024-02-29" },
		{ "2025-03-31", -25, "2023-02-28" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char out[11];
		memset(out, 'x', sizeof(out));
		date_add_months(cases[i].date, cases[i].months, out);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("date_add_months(\"%s\", %d) = \"%s\", expected \"%s\"",
				 cases[i].date, cases[i].months, out, cases[i].want);
	}
	/* Every day of 2023-2024 moved by -25 to 25 months: a valid date that
	 * many months away, on the same day or, when that month is shorter,
	 * its last day. */
	for (int y = 2023; y <= 2024; y++)
	for (int m = 1; m <= 12; m++)
	for (int day = 1; day <= 31; day++) {
		char d[40];
		snprintf(d, sizeof(d), "%04d-%02d-%02d", y, m, day);
		if (!date_valid(d))
			continue;
		for (int k = -25; k <= 25; k++) {
			char out[11];
			date_add_months(d, k, out);
			assert_true(date_valid(out));
			int oy = atoi(out), om = atoi(out + 5), od = atoi(out + 8);
			assert_int_equal((oy * 12 + om) - (y * 12 + m), k);
			if (od != day) {
				/* Clamped: earlier, and the month's last day. */
				char after[40];
				snprintf(after, sizeof(after), "%.8s%02d", out, od + 1);
				assert_true(od < day);
				assert_false(date_valid(after));
			}
		}
	}
}

/* Today's date is the local one: in UTC-14 and UTC+12, 26 hours apart,
 * it is never the same. */
static void test_date_today(void **state)
{
	(void)state;
	char *saved = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	char east[11], west[11], utc[11];
	for (int attempt = 0; attempt < 3; attempt++) {
		setenv("TZ", "UTC-14", 1);  /* POSIX: 14 hours east of UTC */
		tzset();
		date_today(east);
		setenv("TZ", "UTC+12", 1);
		tzset();
		date_today(west);
		setenv("TZ", "UTC", 1);
		tzset();
		date_today(utc);
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		char want[11];
		strftime(want, sizeof(want), "%Y-%m-%d", &tm);
		if (strcmp(utc, want) == 0)  /* else midnight passed: once more */
			break;
	}
	assert_true(date_valid(east) && date_valid(west) && date_valid(utc));
	long ahead = date_days(east) - date_days(west);
	assert_true(ahead == 1 || ahead == 2);
	assert_true(date_days(east) >= date_days(utc) && date_days(utc) >= date_days(west));
	assert_true(date_days(east) - date_days(utc) <= 1 && date_days(utc) - date_days(west) <= 1);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

static void test_arena(void **state)
{
	(void)state;
	struct arena a = { 0 };
	size_t align = _Alignof(max_align_t);
	/* Small blocks: aligned, zeroed, distinct. */
	unsigned char *prev = NULL;
	for (size_t n = 1; n < 300; n += 7) {
		unsigned char *p = arena_alloc(&a, n);
		assert_int_equal((uintptr_t)p % align, 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xAB, n);
		assert_true(p != prev);
		prev = p;
	}
	/* Strings are packed: no alignment between them. */
	char *s1 = arena_strdup(&a, "abc");
	char *s2 = arena_strndup(&a, "defgh", 2);
	assert_string_equal(s1, "abc");
	assert_string_equal(s2, "de");
	assert_ptr_equal(s2, s1 + 4);
	/* A large block gets a chunk of its own; the head keeps its free space. */
	size_t total = a.total;
	unsigned char *big = arena_alloc(&a, 100000);
	assert_int_equal((uintptr_t)big % align, 0);
	for (size_t i = 0; i < 100000; i++)
		assert_int_equal(big[i], 0);
	assert_true(a.total >= total + 100000);
	char *s3 = arena_strdup(&a, "x");
	assert_ptr_equal(s3, s2 + 3);
	assert_string_equal(s1, "abc");
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
	assert_int_equal(a.used, 0);
	arena_free(&a);  /* freeing an empty arena is harmless */
}

static void test_grow_and_format(void **state)
{
	(void)state;
	int *v = NULL;
	size_t cap = 0;
	for (int i = 0; i < 1000; i++) {
		grow_array((void **)&v, &cap, (size_t)i + 1, sizeof(*v));
		assert_true(cap >= (size_t)i + 1);
		v[i] = i;
	}
	for (int i = 0; i < 1000; i++)
		assert_int_equal(v[i], i);
	size_t before = cap;
	grow_array((void **)&v, &cap, 10, sizeof(*v));  /* enough already: unchanged */
	assert_int_equal(cap, before);
	free(v);

	char *s = xasprintf("%s-%03d-%c", "ab", 7, 'z');
	assert_string_equal(s, "ab-007-z");
	free(s);
	s = xstrndup("hello", 3);
	assert_string_equal(s, "hel");
	free(s);
	s = xasprintf("%s", "");
	assert_string_equal(s, "");
	free(s);
}

static void test_date_assessable(void **state)
{
	(void)state;
	char today[11], next[11];
	date_today(today);
	date_add_months(today, 1, next);
	assert_null(date_assessable("1990-01-01"));
	assert_null(date_assessable(today));
	assert_non_null(date_assessable("1989-12-31"));
	assert_non_null(date_assessable(next));
	assert_non_null(date_assessable("9999-11-30"));
	assert_non_null(date_assessable("2026-02-30"));
	assert_non_null(date_assessable("yesterday"));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_date_days),
		cmocka_unit_test(test_date_add_months),
		cmocka_unit_test(test_date_today),
		cmocka_unit_test(test_date_assessable),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_grow_and_format),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
