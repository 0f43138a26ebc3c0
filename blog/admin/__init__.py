# Importing registers the ModelAdmins; `hebrew` puts Django's English alt texts in Hebrew.
from blog.admin import comments, hebrew, images, posts, presentations, tags  # noqa: F401
