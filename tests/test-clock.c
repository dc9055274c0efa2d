/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rehearse-clock.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define DAY_MS (24 * 60 * MINUTE_MS)

static void
test_offsets_read (void)
{
  static const struct
  {
    const char *text;
    gint64      ms;
  } offsets[] = {
    { "0", 0 },
    { "90", 90 * 1000 },
    { "45s", 45 * 1000 },
    { "90min", 90 * MINUTE_MS },
    { "36h", 36 * 60 * MINUTE_MS },
    { "1d", DAY_MS },
    { "+3d", 3 * DAY_MS },
    { "-2h", -2 * 60 * MINUTE_MS },
    { "-36500d", -36500 * DAY_MS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      gint64 ms = 1;

      g_test_message ("%s", offsets[i].text);
      g_assert_true (rehearse_clock_parse_offset (offsets[i].text, &ms));
      g_assert_cmpint (ms, ==, offsets[i].ms);
    }
}

static void
test_offsets_refused (void)
{
  static const char * const refused[] = {
    "", "d", "-", "+d", "soon", "1 d", " 1d", "1day", "1D", "1m", "1.5d", "1d2h", "0x10",
    "1e3", "99999999d", "9223372036854775807", "-9223372036854775808s",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      gint64 ms = 7;

      g_test_message ("“%s”", refused[i]);
      g_assert_false (rehearse_clock_parse_offset (refused[i], &ms));
      g_assert_cmpint (ms, ==, 7);
    }
  g_assert_false (rehearse_clock_parse_offset (NULL, &(gint64) { 0 }));
}

/* The test runs without REHEARSE_CLOCK_OFFSET: the real time. */
static void
test_now_is_real_time (void)
{
  gint64 before = g_get_real_time () / 1000;
  gint64 now;

  g_assert_null (g_getenv ("REHEARSE_CLOCK_OFFSET"));
  now = rehearse_clock_now_ms ();
  g_assert_cmpint (now, >=, before);
  g_assert_cmpint (now, <=, g_get_real_time () / 1000);
}

int
main (int    argc,
      char **argv)
{
  g_unsetenv ("REHEARSE_CLOCK_OFFSET");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/offsets-read", test_offsets_read);
  g_test_add_func ("/clock/offsets-refused", test_offsets_refused);
  g_test_add_func ("/clock/now-is-real-time", test_now_is_real_time);

  return g_test_run ();
}
