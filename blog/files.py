"""Files in the default storage that several kinds of upload share ways to tidy: decks
(blog.decks) and images (blog.media). No models here: only the storage."""

import os
import posixpath

from django.core.files.storage import default_storage


def files_under(folder):
    """Every file name below `folder` in the default storage (none if it is missing)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [posixpath.join(folder, name) for name in files]
    for sub in folders:
        found.extend(files_under(posixpath.join(folder, sub)))
    return found


def remove_empty_folders(folders):
    """Remove those of `folders` left empty. Only a local file system has folders to
    tidy; object stores have none."""
    try:
        paths = [default_storage.path(folder) for folder in folders if folder]
    except NotImplementedError:
        return
    for path in paths:
        try:
            os.rmdir(path)  # fails, harmlessly, while the folder still holds files
        except OSError:
            pass
