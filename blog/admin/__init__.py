from blog.admin import comments, images, posts, presentations  # noqa: F401  (registers the ModelAdmins)
