"""HTTP only: conversations as a resource."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response, status

from servicekit.http import require_json
from servicekit.problems import problem_responses
from symptom2specialist.conversations.errors import (
    ConcurrentMessage,
    ConversationFull,
    ConversationNotFound,
)
from symptom2specialist.conversations.schemas import (
    ConversationCreate,
    ConversationView,
    MessageCreate,
)
from symptom2specialist.dependencies import ConversationsDep

router = APIRouter(
    prefix="/v1/conversations", tags=["conversations"], dependencies=[Depends(require_json)]
)
ConversationId = Annotated[str, Path(min_length=32, max_length=32, pattern="^[0-9a-f]{32}$")]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    operation_id="create_conversation",
    responses=problem_responses(body=True),
)
async def create_conversation(
    body: ConversationCreate, service: ConversationsDep, request: Request, response: Response
) -> ConversationView:
    conversation = await service.create(body)
    response.headers["Location"] = str(
        request.url_for("get_conversation", conversation_id=conversation.id)
    )
    return conversation


@router.get(
    "/{conversation_id}",
    operation_id="get_conversation",
    responses=problem_responses(ConversationNotFound),
)
async def get_conversation(
    conversation_id: ConversationId, service: ConversationsDep
) -> ConversationView:
    return await service.get(conversation_id)


@router.post(
    "/{conversation_id}/messages",
    status_code=status.HTTP_201_CREATED,
    operation_id="add_message",
    responses=problem_responses(
        ConversationNotFound, ConversationFull, ConcurrentMessage, body=True
    ),
)
async def add_message(
    conversation_id: ConversationId, body: MessageCreate, service: ConversationsDep
) -> ConversationView:
    return await service.add_message(conversation_id, body.text)


@router.delete(
    "/{conversation_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="delete_conversation",
    responses=problem_responses(ConversationNotFound),
)
async def delete_conversation(conversation_id: ConversationId, service: ConversationsDep) -> None:
    await service.delete(conversation_id)
