-- A version 5 Tacit database (schema and a few rows), as the code before Alembic made it.
-- Made by opening a store, talking about a bicycle, and leaving the session.
BEGIN TRANSACTION;
CREATE TABLE schemainfo (
	id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE user (
	id VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE auditentry (
	id INTEGER NOT NULL, 
	user_id VARCHAR NOT NULL, 
	at DATETIME NOT NULL, 
	action VARCHAR NOT NULL, 
	target_kind VARCHAR NOT NULL, 
	target_id VARCHAR NOT NULL, 
	detail JSON, 
	PRIMARY KEY (id)
);
CREATE TABLE apikey (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	key_hash VARCHAR NOT NULL, 
	shown VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	revoked_at DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE apiconversation (
	digest VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	session_id VARCHAR NOT NULL, 
	PRIMARY KEY (digest)
);
CREATE TABLE session (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	title VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	closed_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES user (id)
);
CREATE TABLE memoryitem (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	valid_from DATETIME NOT NULL, 
	valid_to DATETIME, 
	provenance JSON, 
	superseded_by VARCHAR, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES user (id)
);
CREATE TABLE standinginstruction (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	condition VARCHAR NOT NULL, 
	action VARCHAR NOT NULL, 
	scope VARCHAR NOT NULL, 
	priority INTEGER NOT NULL, 
	enabled BOOLEAN NOT NULL, 
	source_turn_id VARCHAR, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	text VARCHAR NOT NULL, 
	condition_kind VARCHAR NOT NULL, 
	domain VARCHAR NOT NULL, 
	trigger_text VARCHAR NOT NULL, 
	replaced_by VARCHAR, 
	history JSON, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES user (id)
);
CREATE TABLE profileattribute (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	domain VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	confidence FLOAT NOT NULL, 
	source JSON, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES user (id)
);
CREATE TABLE treenode (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	level INTEGER NOT NULL, 
	parent_id VARCHAR, 
	summary VARCHAR NOT NULL, 
	children JSON, 
	source_turn_ids JSON, 
	start_at DATETIME, 
	end_at DATETIME, 
	updated_at DATETIME NOT NULL, 
	facts JSON, 
	meta JSON, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES user (id)
);
CREATE TABLE turn (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	session_id VARCHAR NOT NULL, 
	seq INTEGER NOT NULL, 
	user_text VARCHAR NOT NULL, 
	reply_text VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	trace JSON, 
	footer VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES user (id), 
	FOREIGN KEY(session_id) REFERENCES session (id)
);
CREATE VIRTUAL TABLE lexical USING fts5(doc_id UNINDEXED, user_id UNINDEXED, kind UNINDEXED, text, tokenize='porter unicode61');
CREATE INDEX ix_auditentry_user_id ON auditentry (user_id);
CREATE INDEX ix_auditentry_target_id ON auditentry (target_id);
CREATE INDEX ix_apikey_user_id ON apikey (user_id);
CREATE UNIQUE INDEX ix_apikey_key_hash ON apikey (key_hash);
CREATE INDEX ix_apiconversation_user_id ON apiconversation (user_id);
CREATE INDEX ix_session_updated_at ON session (updated_at);
CREATE INDEX ix_session_user_id ON session (user_id);
CREATE INDEX ix_memoryitem_user_id ON memoryitem (user_id);
CREATE INDEX ix_memoryitem_valid_to ON memoryitem (valid_to);
CREATE INDEX ix_memoryitem_kind ON memoryitem (kind);
CREATE INDEX ix_standinginstruction_user_id ON standinginstruction (user_id);
CREATE INDEX ix_profileattribute_user_id ON profileattribute (user_id);
CREATE INDEX ix_treenode_user_id ON treenode (user_id);
CREATE INDEX ix_treenode_parent_id ON treenode (parent_id);
CREATE INDEX ix_treenode_level ON treenode (level);
CREATE INDEX ix_turn_created_at ON turn (created_at);
CREATE INDEX ix_turn_session_id ON turn (session_id);
CREATE UNIQUE INDEX ix_turn_session_seq ON turn (session_id, seq);
CREATE INDEX ix_turn_user_id ON turn (user_id);
INSERT INTO "schemainfo" (id, version) VALUES (1, 5);
INSERT INTO "user" (id, created_at) VALUES ('ana', '2026-12-02 11:49:35.215010');
INSERT INTO "auditentry" (id, user_id, at, action, target_kind, target_id, detail) VALUES (1, 'ana', '2026-12-02 11:49:39.806070', 'add', 'preference', '61717ea5988c486d950787f338c0ccb3', '{"text": "I am vegetarian"}');
INSERT INTO "auditentry" (id, user_id, at, action, target_kind, target_id, detail) VALUES (2, 'ana', '2026-12-02 11:49:39.838567', 'add', 'instruction', 'dac4d247a94b42498211643ceb1f6f27', '{"text": "always answer in km"}');
INSERT INTO "session" (id, user_id, title, created_at, updated_at, closed_at) VALUES ('ca283d0a80074b13aeadbbf534ec04d1', 'ana', 'Bikes', '2026-12-02 11:49:35.216640', '2026-12-02 11:49:39.706037', '2026-12-02 11:49:39.871833');
INSERT INTO "session" (id, user_id, title, created_at, updated_at, closed_at) VALUES ('e8636578ab5f4c5eadeac92266b0d617', 'ana', '', '2026-12-02 11:49:39.841767', '2026-12-02 11:49:39.841785', NULL);
INSERT INTO "memoryitem" (id, user_id, kind, text, valid_from, valid_to, provenance, superseded_by, created_at, updated_at, confidence) VALUES ('61717ea5988c486d950787f338c0ccb3', 'ana', 'preference', 'I am vegetarian', '2026-12-02 11:49:39.750815', NULL, '[]', NULL, '2026-12-02 11:49:39.750843', '2026-12-02 11:49:39.750855', 1.0);
INSERT INTO "standinginstruction" (id, user_id, condition, action, scope, priority, enabled, source_turn_id, created_at, updated_at, text, condition_kind, domain, trigger_text, replaced_by, history) VALUES ('dac4d247a94b42498211643ceb1f6f27', 'ana', '', 'always answer in km', 'all', 0, 1, NULL, '2026-12-02 11:49:39.814192', '2026-12-02 11:49:39.814205', 'always answer in km', 'always', '', '', NULL, '[{"at": "2026-12-02T11:49:39.813979+00:00", "event": "added", "text": "always answer in km"}]');
INSERT INTO "treenode" (id, user_id, level, parent_id, summary, children, source_turn_ids, start_at, end_at, updated_at, facts, meta) VALUES ('n1-ca283d0a80074b13aeadbbf534ec04d1', 'ana', 1, 'n2-4cbd37f609c04b80adce6b807a9a2797', 'My bicycle is a green Brompton. / I live in Lisbon.', '["58963124a79a46f4ba2c437dd1f5ed81", "698dfdfb613b468281adb2e79910848b"]', '["58963124a79a46f4ba2c437dd1f5ed81", "698dfdfb613b468281adb2e79910848b"]', '2026-12-02 11:49:35.240461', '2026-12-02 11:49:39.706037', '2026-12-02 11:49:39.866658', '[]', '{"session_id": "ca283d0a80074b13aeadbbf534ec04d1", "method": "extractive", "turns": 2}');
INSERT INTO "treenode" (id, user_id, level, parent_id, summary, children, source_turn_ids, start_at, end_at, updated_at, facts, meta) VALUES ('n2-4cbd37f609c04b80adce6b807a9a2797', 'ana', 2, 'n3-72019bbac0b3dac88beac9dd', '1 conversations, 2 December 2026 to 2 December 2026: My bicycle is a green Brompton. / I live in Lisbon.', '["n1-ca283d0a80074b13aeadbbf534ec04d1"]', '["58963124a79a46f4ba2c437dd1f5ed81", "698dfdfb613b468281adb2e79910848b"]', '2026-12-02 11:49:35.240461', '2026-12-02 11:49:39.706037', '2026-12-02 11:49:39.883195', '[]', '{}');
INSERT INTO "treenode" (id, user_id, level, parent_id, summary, children, source_turn_ids, start_at, end_at, updated_at, facts, meta) VALUES ('n3-72019bbac0b3dac88beac9dd', 'ana', 3, NULL, '1 conversations from 2 December 2026 to 2 December 2026 in 1 topics or periods. Known now: I am vegetarian', '["n2-4cbd37f609c04b80adce6b807a9a2797"]', '[]', '2026-12-02 11:49:35.240461', '2026-12-02 11:49:39.706037', '2026-12-02 11:49:39.892078', '["I am vegetarian"]', '{"clustered_sessions": 0}');
INSERT INTO "turn" (id, user_id, session_id, seq, user_text, reply_text, created_at, trace, footer) VALUES ('58963124a79a46f4ba2c437dd1f5ed81', 'ana', 'ca283d0a80074b13aeadbbf534ec04d1', 1, 'My bicycle is a green Brompton.', 'A fine folding bike.', '2026-12-02 11:49:35.240461', '{"started": "2026-12-01T10:00:00", "respond": {"model": "fake"}}', '');
INSERT INTO "turn" (id, user_id, session_id, seq, user_text, reply_text, created_at, trace, footer) VALUES ('698dfdfb613b468281adb2e79910848b', 'ana', 'ca283d0a80074b13aeadbbf534ec04d1', 2, 'I live in Lisbon.', 'Noted.', '2026-12-02 11:49:39.706037', '{}', '(Assumed metric units.)');
INSERT INTO "lexical" (doc_id, user_id, kind, text) VALUES ('58963124a79a46f4ba2c437dd1f5ed81', 'ana', 'turn', 'User: My bicycle is a green Brompton.
Assistant: A fine folding bike.');
INSERT INTO "lexical" (doc_id, user_id, kind, text) VALUES ('698dfdfb613b468281adb2e79910848b', 'ana', 'turn', 'User: I live in Lisbon.
Assistant: Noted.');
INSERT INTO "lexical" (doc_id, user_id, kind, text) VALUES ('61717ea5988c486d950787f338c0ccb3', 'ana', 'preference', 'I am vegetarian');
INSERT INTO "lexical" (doc_id, user_id, kind, text) VALUES ('dac4d247a94b42498211643ceb1f6f27', 'ana', 'instruction', 'always answer in km');
COMMIT;
