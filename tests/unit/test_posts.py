"""Short posts for a business's social media, written by code."""

from __future__ import annotations

from agents.posts import answer
from assistant.models.fake import FakeModel
from assistant.service import Tacit


def test_a_post_opens_by_what_it_is_about_and_tags_its_own_words() -> None:
    """"Can you write a short post for Instagram about our new sourdough?" got two emojis and
    "#Lancaster @TheCabalicious" from the model."""
    post = answer("Can you write a short post for Instagram about our new sourdough?") or ""
    assert "New in: our sourdough! Made with care, and best enjoyed fresh." in post
    assert "#Sourdough #SmallBusiness" in post
    pies = answer("Write another one about our Christmas mince pies.",
                  [{"user": "...", "said": post}]) or ""
    assert "Christmas is coming, and our mince pies are here!" in pies
    assert "#ChristmasMincePies" in pies
    event = answer("Write a post about our open day on Saturday") or ""
    assert "Join us for our open day on Saturday! Everyone's welcome" in event
    assert "#OpenDay " in event and "Saturday #" not in event
    assert answer("Write another one about our Christmas mince pies.") is None  # no post before
    assert answer("Write a blog post about climate change") is None
    valentine = answer("Write a post about our Valentine's cookies") or ""
    assert "Valentine's Day is here, and so are our Valentine's cookies!" in valentine


def test_a_post_keeps_their_sign_off_and_needs_no_model(tacit: Tacit,
                                                         fake_model: FakeModel) -> None:
    tacit.ask("tom", "Always sign off social media posts with 'Love, Tom's Bakery'.")
    calls = len(fake_model.history)
    post = tacit.ask("tom", "Can you write a short post for Instagram about our new "
                            "sourdough?").reply
    assert post.startswith("Here's a post you can use")
    assert "tell us what you think!\n\nLove, Tom's Bakery\n\n#Sourdough" in post
    assert post.count("Love, Tom's Bakery") == 1
    assert len(fake_model.history) == calls
