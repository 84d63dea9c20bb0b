"""Several channels' pushers as one: each reminder goes through the channel of the identity the
reminder desk chose (one per member, so a member on Telegram and WhatsApp gets it once)."""

from bot.reminders.delivery import Begin, Delivery, Pusher, always_begin
from conversations.events import Reply


class Pushers:
    """Routes a push by the identity's channel."""

    def __init__(self, *pushers: Pusher) -> None:
        self._by_channel = {channel: pusher for pusher in pushers for channel in pusher.channels}
        self.channels = tuple(self._by_channel)

    async def push(self, identity: str, reply: Reply, begin: Begin = always_begin) -> Delivery:
        """Send one reminder through the identity's channel."""
        channel = identity.split(":", 1)[0]
        pusher = self._by_channel.get(channel)
        if pusher is None:
            return Delivery(False, unreachable="not_found", detail=f"no channel {channel}")
        return await pusher.push(identity, reply, begin)
