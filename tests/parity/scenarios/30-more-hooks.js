// The hooks of restore, count, sync and the find variants, and the order they run in
const { Sequelize, DataTypes } = require('sequelize');
const trace = [];
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const Note = sequelize.define('Note', { text: DataTypes.STRING }, {
  paranoid: true,
  hooks: {
    beforeSync: () => { trace.push('beforeSync'); },
    afterSync: () => { trace.push('afterSync'); },
    beforeRestore: (note) => { trace.push(`beforeRestore:${note.id}`); },
    afterRestore: (note) => { trace.push(`afterRestore:${note.id}`); },
    beforeBulkRestore: (options) => { trace.push(`beforeBulkRestore:${JSON.stringify(options.where)}`); },
    afterBulkRestore: () => { trace.push('afterBulkRestore'); },
    beforeCount: (options) => { trace.push('beforeCount'); options.where = { text: 'two' }; },
    beforeFind: () => { trace.push('beforeFind'); },
    beforeFindAfterExpandIncludeAll: () => { trace.push('beforeFindAfterExpandIncludeAll'); },
    beforeFindAfterOptions: () => { trace.push('beforeFindAfterOptions'); },
    afterFind: () => { trace.push('afterFind'); },
  },
});
sequelize.addHook('beforeBulkSync', () => { trace.push('beforeBulkSync'); });
sequelize.addHook('afterBulkSync', () => { trace.push('afterBulkSync'); });
const show = (label) => { console.log(label, trace.join(' ')); trace.length = 0; };
await sequelize.sync();
show('sync');
await Note.bulkCreate([{ text: 'one' }, { text: 'two' }, { text: 'three' }]);
await Note.destroy({ where: {} });
show('destroyed');
const note = await Note.findByPk(1, { paranoid: false });
show('find');
await note.restore();
show('instance restore');
await Note.restore({ where: { text: ['two', 'three'] }, individualHooks: true });
show('Model.restore individual');
console.log('counted', await Note.count());
show('count');
await Note.sync();
show('Model.sync');
