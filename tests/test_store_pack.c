/* test_store_pack.c - the answer pack (store_pack.h) on its own: what it writes, that
 * it reads back what it wrote, and that a damaged pack is refused at the
 * answer where the damage is, never read past its end (every read is of a
 * buffer of exactly the pack's length, so AddressSanitizer and valgrind
 * see any byte read beyond it). */
#include "testutil.h"

#include "../src/store_pack.h"

static struct store_pack_text text(const char *s)
{
	return (struct store_pack_text){ s, s ? strlen(s) : 0 };
}

/* The pack of V, in a buffer of exactly its length (caller frees). */
static char *pack_of(const struct store_answer *v, size_t n, size_t *len)
{
	static const char codes[] = { [STORE_OPTION] = 'o', [STORE_NA] = 'n', [STORE_UNKNOWN] = 'u' };
	struct store_pack_writer w = { 0 };
	for (size_t i = 0; i < n; i++)
		store_pack_add(&w, codes[v[i].kind], text(v[i].question), text(v[i].option), text(v[i].note));
	return store_pack_finish(&w, len);
}

/* A copy of the first LEN bytes of BUF, in a buffer of exactly LEN bytes
 * (one byte when LEN is 0, so that malloc returns a pointer to check). */
static char *exact(const char *buf, size_t len)
{
	char *c = xmalloc(len ? len : 1);
	memcpy(c, buf, len);
	return c;
}

/* Reading the LEN bytes at BUF is refused: the answer where the damage
 * was found. */
static size_t damaged_at(const char *buf, size_t len)
{
	char *c = exact(buf, len);
	struct store_answer *v = (struct store_answer *)1;
	size_t n = 99, at = 0;
	assert_int_equal(store_pack_read(c, len, &v, &n, &at), -1);
	assert_null(v);
	assert_int_equal(n, 0);
	free(c);
	return at;
}

static const struct store_answer sample[] = {
	{ .question = "access.mfa", .kind = STORE_OPTION, .option = "all", .note = "since March" },
	{ .question = "backup.offsite", .kind = STORE_NA, .note = "no data kept" },
	{ .question = "backup.tested", .kind = STORE_UNKNOWN },
	{ .question = "people.training", .kind = STORE_OPTION, .option = "yearly" },
	{ .question = "roles.ürün", .kind = STORE_OPTION, .option = "évalué", .note = "UTF-8 ✓" },
};

static void test_format(void **state)
{
	(void)state;
	const struct store_answer v[] = {
		{ .question = "d.a", .kind = STORE_OPTION, .option = "yes" },
		{ .question = "d.b", .kind = STORE_NA, .note = "why" },
		{ .question = "d.c", .kind = STORE_UNKNOWN },
	};
	size_t len;
	char *buf = pack_of(v, ARRAY_LEN(v), &len);
	static const char want[] = "\x03\x00\x00\x00"
				   "o" "d.a\0" "yes\0" "\0"
				   "n" "d.b\0" "\0" "why\0"
				   "u" "d.c\0" "\0" "\0";
	assert_int_equal(len, sizeof(want) - 1);
	assert_memory_equal(buf, want, len);
	free(buf);
}

static void test_round_trip(void **state)
{
	(void)state;
	size_t len;
	char *buf = pack_of(sample, ARRAY_LEN(sample), &len);
	char *c = exact(buf, len);
	free(buf);
	struct store_answer *v;
	size_t n, bad = 0;
	assert_int_equal(store_pack_read(c, len, &v, &n, &bad), 0);
	free(c);  /* the answers hold copies of their strings */
	assert_int_equal(n, ARRAY_LEN(sample));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i].question, sample[i].question);
		assert_int_equal(v[i].kind, sample[i].kind);
		if (sample[i].option)
			assert_string_equal(v[i].option, sample[i].option);
		else
			assert_null(v[i].option);
		if (sample[i].note)
			assert_string_equal(v[i].note, sample[i].note);
		else
			assert_null(v[i].note);
	}
	store_answers_free(v, n);
}

/* Long strings and many answers: the writer grows its buffer. */
static void test_large(void **state)
{
	(void)state;
	enum { N = 3000 };
	char *note = xmalloc(70001);
	memset(note, 'x', 70000);
	note[70000] = '\0';
	struct store_pack_writer w = { 0 };
	for (int i = 0; i < N; i++) {
		char q[32];
		snprintf(q, sizeof(q), "d.q%d", i);
		store_pack_add(&w, 'o', text(q), text("yes"), text(i == N / 2 ? note : NULL));
	}
	size_t len;
	char *buf = store_pack_finish(&w, &len);
	assert_null(w.buf);  /* the writer is empty again */
	assert_int_equal(w.count, 0);
	struct store_answer *v;
	size_t n, bad;
	assert_int_equal(store_pack_read(buf, len, &v, &n, &bad), 0);
	assert_int_equal(n, N);
	assert_string_equal(v[N - 1].question, "d.q2999");
	assert_string_equal(v[N / 2].note, note);
	assert_null(v[N / 2 + 1].note);
	store_answers_free(v, n);
	free(buf);
	free(note);
}

static void test_empty(void **state)
{
	(void)state;
	struct store_pack_writer w = { 0 };
	size_t len;
	char *buf = store_pack_finish(&w, &len);
	assert_int_equal(len, 4);
	assert_memory_equal(buf, "\0\0\0\0", 4);
	struct store_answer *v = (struct store_answer *)1;
	size_t n = 99, bad = 0;
	assert_int_equal(store_pack_read(buf, len, &v, &n, &bad), 0);
	assert_null(v);
	assert_int_equal(n, 0);
	free(buf);
	/* Answers added, then dropped. */
	store_pack_add(&w, 'u', text("d.q"), text(NULL), text(NULL));
	store_pack_discard(&w);
	assert_null(w.buf);
}

/* No option and no note are both written as "": an empty note reads back
 * as none. */
static void test_notes_and_options(void **state)
{
	(void)state;
	const struct store_answer in[] = {
		{ .question = "d.a", .kind = STORE_OPTION, .option = "yes", .note = "" },
		{ .question = "d.b", .kind = STORE_UNKNOWN, .note = NULL },
		{ .question = "d.c", .kind = STORE_NA, .note = "a\tnote\nof two lines" },
	};
	size_t len;
	char *buf = pack_of(in, ARRAY_LEN(in), &len);
	struct store_answer *v;
	size_t n, bad;
	assert_int_equal(store_pack_read(buf, len, &v, &n, &bad), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].option, "yes");
	assert_null(v[0].note);
	assert_null(v[1].option);
	assert_null(v[1].note);
	assert_null(v[2].option);
	assert_string_equal(v[2].note, "a\tnote\nof two lines");
	store_answers_free(v, n);
	free(buf);
}

/* Every prefix of a good pack is refused, at an answer no later than the
 * one the cut is in. */
static void test_truncated_everywhere(void **state)
{
	(void)state;
	size_t len;
	char *buf = pack_of(sample, ARRAY_LEN(sample), &len);
	size_t start = 4;  /* where the answer being cut starts */
	size_t answer = 1;
	for (size_t cut = 0; cut < len; cut++) {
		/* Which answer the byte at CUT belongs to. */
		while (answer < ARRAY_LEN(sample)) {
			const struct store_answer *a = &sample[answer - 1];
			size_t size = 1 + strlen(a->question) + 1 + (a->option ? strlen(a->option) : 0) + 1 +
				      (a->note ? strlen(a->note) : 0) + 1;
			if (cut < start + size)
				break;
			start += size;
			answer++;
		}
		/* At the count, or at the answer that was cut. */
		size_t bad = damaged_at(buf, cut);
		assert_true(bad == 1 || bad == answer);
	}
	free(buf);
}

/* The count against the records that follow. */
static void test_wrong_counts(void **state)
{
	(void)state;
	size_t len;
	char *buf = pack_of(sample, 3, &len);
	char *c = exact(buf, len);
	c[0] = 4;  /* one more than there are */
	assert_int_equal(damaged_at(c, len), 4);
	c[0] = 2;  /* one fewer: a record is left over */
	assert_int_equal(damaged_at(c, len), 3);
	c[0] = 0;  /* none, yet records follow */
	assert_int_equal(damaged_at(c, len), 1);
	memcpy(c, "\xff\xff\xff\xff", 4);  /* more than the bytes could hold */
	assert_int_equal(damaged_at(c, len), 1);
	memcpy(c, "\x03\x00\x00\x01", 4);  /* the top byte counts too */
	assert_int_equal(damaged_at(c, len), 1);
	assert_int_equal(damaged_at(c, 3), 1);  /* a count cut short */
	assert_int_equal(damaged_at("", 0), 1);
	free(c);
	free(buf);
}

/* A string that runs past the end: its NUL is missing. */
static void test_unended_strings(void **state)
{
	(void)state;
#define BYTES(s) { s, sizeof(s) - 1 }
	static const struct store_pack_text bad[] = {
		BYTES("\x01\x00\x00\x00" "o" "d.q"),                   /* the question */
		BYTES("\x01\x00\x00\x00" "o" "d.q\0" "yes"),           /* the option */
		BYTES("\x01\x00\x00\x00" "o" "d.q\0" "yes\0" "note"),  /* the note */
		BYTES("\x01\x00\x00\x00" "o"),                         /* a kind alone */
	};
#undef BYTES
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		assert_int_equal(damaged_at(bad[i].s, bad[i].n), 1);
	/* The second of two records cut off in its note. */
	static const char two[] = "\x02\x00\x00\x00" "u" "d.a\0" "\0" "\0" "n" "d.b\0" "\0" "no";
	assert_int_equal(damaged_at(two, sizeof(two) - 1), 2);
}

/* Records that are whole but wrong, after two good ones: a kind code
 * that is none ('x', NUL, an upper-case 'O', and '?': what the store
 * writes for a row without a kind); no question; an option answer without
 * its option; n/a or don't know with one. */
static void test_bad_records(void **state)
{
	(void)state;
	static const struct {
		char kind;
		const char *question, *option;
	} bad[] = {
		{ 'x', "d.q", "yes" },
		{ '\0', "d.q", "yes" },
		{ 'O', "d.q", "yes" },
		{ '?', "d.q", NULL },
		{ 'o', "", "yes" },
		{ 'o', "d.q", NULL },
		{ 'n', "d.q", "yes" },
		{ 'u', "d.q", "yes" },
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct store_pack_writer w = { 0 };
		store_pack_add(&w, 'o', text("d.a"), text("yes"), text(NULL));
		store_pack_add(&w, 'u', text("d.b"), text(NULL), text("n"));
		store_pack_add(&w, bad[i].kind, text(bad[i].question), text(bad[i].option), text(NULL));
		size_t len;
		char *buf = store_pack_finish(&w, &len);
		assert_int_equal(damaged_at(buf, len), 3);
		free(buf);
	}
}

/* Arbitrary bytes: refused or read, never read past the end. */
static void test_random_bytes(void **state)
{
	(void)state;
	unsigned seed = 12345;
	for (int round = 0; round < 5000; round++) {
		size_t len = (size_t)(round % 64);
		char *c = xmalloc(len ? len : 1);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			/* Mostly bytes a pack is made of, so that some get far. */
			static const char alphabet[] = { 'o', 'n', 'u', '\0', 'a', '\x01', 'x' };
			c[i] = alphabet[(seed >> 16) % sizeof(alphabet)];
		}
		if (len >= 4)
			memcpy(c, (char[]){ (char)(round % 5), 0, 0, 0 }, 4);
		struct store_answer *v;
		size_t n, bad;
		if (store_pack_read(c, len, &v, &n, &bad) == 0) {
			for (size_t i = 0; i < n; i++)
				assert_true(v[i].question[0] != '\0');
			store_answers_free(v, n);
		} else {
			assert_null(v);
		}
		free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_notes_and_options),
		cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_wrong_counts),
		cmocka_unit_test(test_unended_strings),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_random_bytes),
	};
	return cmocka_run_group_tests_name("pack", tests, NULL, NULL);
}
