from blog.admin import comments, posts, presentations  # noqa: F401  (registers the ModelAdmins)
