from blog.admin import comments, posts, slides  # noqa: F401  (registers the ModelAdmins)
