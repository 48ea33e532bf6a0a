"""Errors conversations raise, as problem details."""

from servicekit.problems import Conflict, NotFound


class ConversationNotFound(NotFound):
    slug = "conversation-not-found"
    title = "Conversation Not Found"


class ConversationFull(Conflict):
    slug = "conversation-full"
    title = "Conversation Full"


class ConcurrentMessage(Conflict):
    slug = "concurrent-message"
    title = "Concurrent Message"
