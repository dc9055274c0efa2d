/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <sqlite3.h>
#include <string.h>

#include "fault-vfs.h"

/* A shim over the "unix" VFS (see fault-vfs.h): each file is the real
 * file with a header in front, and every method passes through, except
 * that the counted operations may fail first. */

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;   /* right after this structure, as SQLite allocates szOsFile */
} FaultFile;

static struct
{
  GMutex             lock;
  FaultVfsOperations operations;   /* 0: disarmed */
  FaultVfsKind       kind;
  guint              nth;
  guint              seen;
  guint              faults;
  guint              total_faults;
  gboolean           read_only;
} state;

/* What xGetLastError reports for the fault just injected in this thread:
 * SQLite asks right after an I/O error, on the thread that met it. */
static __thread int fault_errno;

static sqlite3_vfs fault_vfs;

static sqlite3_vfs *
real_vfs (void)
{
  return fault_vfs.pAppData;
}

static sqlite3_file *
real_file (sqlite3_file *file)
{
  return ((FaultFile *) file)->real;
}

/* ---- Deciding on a fault -------------------------------------------------- */

static int
fault_code (FaultVfsOperations operation,
            FaultVfsKind       kind)
{
  gboolean full = kind == FAULT_VFS_DISK_FULL;

  switch (operation)
    {
    case FAULT_VFS_WRITE:
      return full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    case FAULT_VFS_SYNC:
      g_assert (!full);
      return SQLITE_IOERR_FSYNC;
    case FAULT_VFS_TRUNCATE:
      g_assert (!full);
      return SQLITE_IOERR_TRUNCATE;
    case FAULT_VFS_SHM_MAP:
      return full ? SQLITE_IOERR_SHMSIZE : SQLITE_IOERR_SHMMAP;
    default:
      g_assert_not_reached ();
    }
}

/* SQLITE_OK, or the error the operation fails with. */
static int
fault_for (FaultVfsOperations operation)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&state.lock);
  gboolean fails;

  if ((state.operations & operation) == 0)
    return SQLITE_OK;
  /* A full disk refuses to grow files; syncing and shrinking them still
   * work. */
  if (state.kind == FAULT_VFS_DISK_FULL && (operation & (FAULT_VFS_WRITE | FAULT_VFS_SHM_MAP)) == 0)
    return SQLITE_OK;

  state.seen++;
  fails = state.kind == FAULT_VFS_DISK_FULL ? state.seen >= state.nth : state.seen == state.nth;
  if (!fails)
    return SQLITE_OK;

  state.faults++;
  state.total_faults++;
  fault_errno = state.kind == FAULT_VFS_DISK_FULL ? ENOSPC : EIO;
  return fault_code (operation, state.kind);
}

void
fault_vfs_arm (FaultVfsOperations operations,
               guint              nth,
               FaultVfsKind       kind)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&state.lock);

  g_return_if_fail (nth > 0);

  state.operations = operations;
  state.nth = nth;
  state.kind = kind;
  state.seen = 0;
  state.faults = 0;
}

void
fault_vfs_disarm (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&state.lock);

  state.operations = 0;
}

void
fault_vfs_set_read_only (gboolean read_only)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&state.lock);

  state.read_only = read_only;
}

guint
fault_vfs_get_faults (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&state.lock);

  return state.faults;
}

guint
fault_vfs_get_total_faults (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&state.lock);

  return state.total_faults;
}

guint
fault_vfs_get_operations (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&state.lock);

  return state.seen;
}

static gboolean
is_read_only (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&state.lock);

  return state.read_only;
}

/* ---- The file methods --------------------------------------------------------- */

static int
file_close (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xClose (real);
}

static int
file_read (sqlite3_file *file,
           void         *buffer,
           int           amount,
           sqlite3_int64 offset)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xRead (real, buffer, amount, offset);
}

static int
file_write (sqlite3_file *file,
            const void   *buffer,
            int           amount,
            sqlite3_int64 offset)
{
  sqlite3_file *real = real_file (file);
  int rc = fault_for (FAULT_VFS_WRITE);

  return rc != SQLITE_OK ? rc : real->pMethods->xWrite (real, buffer, amount, offset);
}

static int
file_truncate (sqlite3_file *file,
               sqlite3_int64 size)
{
  sqlite3_file *real = real_file (file);
  int rc = fault_for (FAULT_VFS_TRUNCATE);

  return rc != SQLITE_OK ? rc : real->pMethods->xTruncate (real, size);
}

static int
file_sync (sqlite3_file *file,
           int           flags)
{
  sqlite3_file *real = real_file (file);
  int rc = fault_for (FAULT_VFS_SYNC);

  return rc != SQLITE_OK ? rc : real->pMethods->xSync (real, flags);
}

static int
file_size (sqlite3_file  *file,
           sqlite3_int64 *size)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xFileSize (real, size);
}

static int
file_lock (sqlite3_file *file,
           int           level)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xLock (real, level);
}

static int
file_unlock (sqlite3_file *file,
             int           level)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xUnlock (real, level);
}

static int
file_check_reserved_lock (sqlite3_file *file,
                          int          *reserved)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xCheckReservedLock (real, reserved);
}

static int
file_control (sqlite3_file *file,
              int           op,
              void         *argument)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xFileControl (real, op, argument);
}

static int
file_sector_size (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xSectorSize (real);
}

static int
file_device_characteristics (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xDeviceCharacteristics (real);
}

static int
file_shm_map (sqlite3_file       *file,
              int                 page,
              int                 page_size,
              int                 extend,
              void volatile     **mapped)
{
  sqlite3_file *real = real_file (file);
  int rc = fault_for (FAULT_VFS_SHM_MAP);

  if (rc == SQLITE_OK)
    return real->pMethods->xShmMap (real, page, page_size, extend, mapped);

  *mapped = NULL;
  return rc;
}

static int
file_shm_lock (sqlite3_file *file,
               int           offset,
               int           n,
               int           flags)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xShmLock (real, offset, n, flags);
}

static void
file_shm_barrier (sqlite3_file *file)
{
  sqlite3_file *real = real_file (file);

  real->pMethods->xShmBarrier (real);
}

static int
file_shm_unmap (sqlite3_file *file,
                int           delete_flag)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xShmUnmap (real, delete_flag);
}

static int
file_fetch (sqlite3_file  *file,
            sqlite3_int64  offset,
            int            amount,
            void         **pointer)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xFetch (real, offset, amount, pointer);
}

static int
file_unfetch (sqlite3_file  *file,
              sqlite3_int64  offset,
              void          *pointer)
{
  sqlite3_file *real = real_file (file);

  return real->pMethods->xUnfetch (real, offset, pointer);
}

/* The version of the real file's methods: SQLite calls the shared-memory
 * and memory-map methods only where the version says they exist. */
static const sqlite3_io_methods methods_v1 = {
  1, file_close, file_read, file_write, file_truncate, file_sync, file_size, file_lock,
  file_unlock, file_check_reserved_lock, file_control, file_sector_size,
  file_device_characteristics,
  NULL, NULL, NULL, NULL, NULL, NULL,
};

static const sqlite3_io_methods methods_v3 = {
  3, file_close, file_read, file_write, file_truncate, file_sync, file_size, file_lock,
  file_unlock, file_check_reserved_lock, file_control, file_sector_size,
  file_device_characteristics,
  file_shm_map, file_shm_lock, file_shm_barrier, file_shm_unmap, file_fetch, file_unfetch,
};

/* ---- The VFS methods ----------------------------------------------------------- */

static int
vfs_open (sqlite3_vfs  *vfs,
          const char   *name,
          sqlite3_file *file,
          int           flags,
          int          *out_flags)
{
  FaultFile *fault_file = (FaultFile *) file;
  int rc;

  fault_file->base.pMethods = NULL;
  fault_file->real = (sqlite3_file *) &fault_file[1];
  memset (fault_file->real, 0, real_vfs ()->szOsFile);

  /* As the unix VFS does when the file's mode refuses writing: opened
   * read-only if it exists at all. */
  if (name != NULL && (flags & SQLITE_OPEN_MAIN_DB) != 0 && is_read_only ())
    {
      if (!g_file_test (name, G_FILE_TEST_EXISTS))
        return SQLITE_CANTOPEN;
      flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    }

  rc = real_vfs ()->xOpen (real_vfs (), name, fault_file->real, flags, out_flags);
  /* SQLite closes a file whose methods are set, even when opening
   * failed: ours then, to close the real one. */
  if (fault_file->real->pMethods != NULL)
    fault_file->base.pMethods = fault_file->real->pMethods->iVersion >= 3 ? &methods_v3
                                                                          : &methods_v1;
  return rc;
}

static int
vfs_delete (sqlite3_vfs *vfs,
            const char  *name,
            int          sync_dir)
{
  return real_vfs ()->xDelete (real_vfs (), name, sync_dir);
}

static int
vfs_access (sqlite3_vfs *vfs,
            const char  *name,
            int          flags,
            int         *result)
{
  return real_vfs ()->xAccess (real_vfs (), name, flags, result);
}

static int
vfs_full_pathname (sqlite3_vfs *vfs,
                   const char  *name,
                   int          size,
                   char        *output)
{
  return real_vfs ()->xFullPathname (real_vfs (), name, size, output);
}

static void *
vfs_dl_open (sqlite3_vfs *vfs,
             const char  *name)
{
  return real_vfs ()->xDlOpen (real_vfs (), name);
}

static void
vfs_dl_error (sqlite3_vfs *vfs,
              int          size,
              char        *message)
{
  real_vfs ()->xDlError (real_vfs (), size, message);
}

static void (*vfs_dl_sym (sqlite3_vfs *vfs,
                          void        *handle,
                          const char  *symbol)) (void)
{
  return real_vfs ()->xDlSym (real_vfs (), handle, symbol);
}

static void
vfs_dl_close (sqlite3_vfs *vfs,
              void        *handle)
{
  real_vfs ()->xDlClose (real_vfs (), handle);
}

static int
vfs_randomness (sqlite3_vfs *vfs,
                int          size,
                char        *output)
{
  return real_vfs ()->xRandomness (real_vfs (), size, output);
}

static int
vfs_sleep (sqlite3_vfs *vfs,
           int          microseconds)
{
  return real_vfs ()->xSleep (real_vfs (), microseconds);
}

static int
vfs_current_time (sqlite3_vfs *vfs,
                  double      *now)
{
  return real_vfs ()->xCurrentTime (real_vfs (), now);
}

/* The errno of the fault just injected (ENOSPC for a full disk), else
 * the real one: the library tells a full disk by it. */
static int
vfs_get_last_error (sqlite3_vfs *vfs,
                    int          size,
                    char        *message)
{
  int injected = fault_errno;

  fault_errno = 0;
  if (injected != 0)
    return injected;
  return real_vfs ()->xGetLastError (real_vfs (), size, message);
}

static int
vfs_current_time_int64 (sqlite3_vfs   *vfs,
                        sqlite3_int64 *now)
{
  return real_vfs ()->xCurrentTimeInt64 (real_vfs (), now);
}

static int
vfs_set_system_call (sqlite3_vfs         *vfs,
                     const char          *name,
                     sqlite3_syscall_ptr  call)
{
  return real_vfs ()->xSetSystemCall (real_vfs (), name, call);
}

static sqlite3_syscall_ptr
vfs_get_system_call (sqlite3_vfs *vfs,
                     const char  *name)
{
  return real_vfs ()->xGetSystemCall (real_vfs (), name);
}

static const char *
vfs_next_system_call (sqlite3_vfs *vfs,
                      const char  *name)
{
  return real_vfs ()->xNextSystemCall (real_vfs (), name);
}

void
fault_vfs_install (void)
{
  sqlite3_vfs *unix_vfs;

  if (fault_vfs.zName != NULL)
    return;

  unix_vfs = sqlite3_vfs_find ("unix");
  g_assert_nonnull (unix_vfs);
  g_assert_cmpint (unix_vfs->iVersion, >=, 3);

  fault_vfs = (sqlite3_vfs) {
    .iVersion = 3,
    .szOsFile = (int) sizeof (FaultFile) + unix_vfs->szOsFile,
    .mxPathname = unix_vfs->mxPathname,
    .zName = "fault",
    .pAppData = unix_vfs,
    .xOpen = vfs_open,
    .xDelete = vfs_delete,
    .xAccess = vfs_access,
    .xFullPathname = vfs_full_pathname,
    .xDlOpen = vfs_dl_open,
    .xDlError = vfs_dl_error,
    .xDlSym = vfs_dl_sym,
    .xDlClose = vfs_dl_close,
    .xRandomness = vfs_randomness,
    .xSleep = vfs_sleep,
    .xCurrentTime = vfs_current_time,
    .xGetLastError = vfs_get_last_error,
    .xCurrentTimeInt64 = vfs_current_time_int64,
    .xSetSystemCall = vfs_set_system_call,
    .xGetSystemCall = vfs_get_system_call,
    .xNextSystemCall = vfs_next_system_call,
  };
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}
