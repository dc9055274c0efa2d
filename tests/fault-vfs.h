/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An SQLite VFS for tests that fails what a failing or full disk fails:
 * it wraps the default "unix" VFS, is made the default once installed,
 * and, once armed, fails the Nth of the operations it is told to count
 * (writes, syncs, truncations, shared-memory maps), counted from the
 * moment it was armed, in every file of every connection of the process.
 * It can also open every existing database file read-only, as SQLite
 * opens a file it may not write. */

typedef enum
{
  FAULT_VFS_WRITE    = 1 << 0,
  FAULT_VFS_SYNC     = 1 << 1,
  FAULT_VFS_TRUNCATE = 1 << 2,
  FAULT_VFS_SHM_MAP  = 1 << 3,
} FaultVfsOperations;

#define FAULT_VFS_ANY (FAULT_VFS_WRITE | FAULT_VFS_SYNC | FAULT_VFS_TRUNCATE | FAULT_VFS_SHM_MAP)

typedef enum
{
  /* SQLITE_IOERR_WRITE, _FSYNC, _TRUNCATE or _SHMMAP, errno EIO; only
   * the Nth operation fails, as a sector that fails once. */
  FAULT_VFS_IO_ERROR,
  /* Writes fail with SQLITE_FULL, maps with SQLITE_IOERR_SHMSIZE and
   * errno ENOSPC, as the unix VFS reports them; the Nth and every later
   * one fail, as a disk stays full. Syncs and truncations, which a full
   * disk lets through, are not counted. */
  FAULT_VFS_DISK_FULL,
} FaultVfsKind;

/* Registers the VFS as the default; later calls do nothing. Call it
 * before any connection opens. */
void     fault_vfs_install        (void);
/* Fails the @nth (from 1) of @operations from now on, as @kind says. */
void     fault_vfs_arm            (FaultVfsOperations operations,
                                   guint              nth,
                                   FaultVfsKind       kind);
/* Nothing fails any more; the counts stay until the next arm. */
void     fault_vfs_disarm         (void);
/* Database files (not journals, WAL or temporary files) that exist open
 * read-only, those that do not cannot be opened: writes then fail with
 * SQLITE_READONLY, as for a file whose mode forbids writing. */
void     fault_vfs_set_read_only  (gboolean           read_only);
/* Faults injected since the last arm, and over the whole process. */
guint    fault_vfs_get_faults     (void);
guint    fault_vfs_get_total_faults (void);
/* Operations of the armed kinds counted since the last arm. */
guint    fault_vfs_get_operations (void);

G_END_DECLS
