from blog.admin import comments, images, posts, presentations, tags  # noqa: F401  (registers the ModelAdmins)
